// GraphQL documents the API tests send, written as a client would.
export const REPORT_PROBLEM = /* GraphQL */ `
  mutation Report($input: ReportProblemInput!) {
    reportProblem(input: $input) {
      trackingCode
      ticket {
        id
        number
        status
        priority
        channel
        contactName
        contactEmail
        firstResponseDueAt
        resolutionDueAt
        requester {
          id
        }
      }
    }
  }
`;

export const TRACK_TICKET = /* GraphQL */ `
  query Track($code: String!) {
    trackTicket(trackingCode: $code) {
      id
      number
      status
      assignee {
        name
      }
      messages {
        edges {
          node {
            body
            internal
            author {
              name
            }
          }
        }
      }
      rating {
        score
        expectation
        predictedScore
      }
    }
  }
`;

export const TICKET = /* GraphQL */ `
  query Ticket($id: ID!) {
    ticket(id: $id) {
      id
      status
      slaBreached
      firstRespondedAt
      resolvedAt
      predictedScore
      messages(first: 50) {
        edges {
          node {
            body
            internal
          }
        }
      }
      history {
        type
        fromStatus
        toStatus
        actor {
          name
        }
      }
    }
  }
`;

export const REPLY = /* GraphQL */ `
  mutation Reply($input: ReplyInput!) {
    reply(input: $input) {
      id
      body
      internal
      author {
        name
      }
    }
  }
`;

export const RESOLVE = /* GraphQL */ `
  mutation Resolve($input: ResolveTicketInput!) {
    resolveTicket(input: $input) {
      id
      status
      resolvedAt
    }
  }
`;

export const RATE = /* GraphQL */ `
  mutation Rate($input: RateTicketInput!) {
    rateTicket(input: $input) {
      id
      score
      expectation
      comment
    }
  }
`;

export const REOPEN = /* GraphQL */ `
  mutation Reopen($ticketId: ID!, $reason: String!, $trackingCode: String) {
    reopenTicket(ticketId: $ticketId, reason: $reason, trackingCode: $trackingCode) {
      id
      status
      resolvedAt
    }
  }
`;

export const ASSIGN = /* GraphQL */ `
  mutation Assign($ticketId: ID!, $assigneeId: ID) {
    assignTicket(ticketId: $ticketId, assigneeId: $assigneeId) {
      id
      status
      assignee {
        name
      }
    }
  }
`;

export const SATISFACTION = /* GraphQL */ `
  query Satisfaction($range: DateRange) {
    satisfaction(range: $range) {
      csat
      responses
      byDepartment {
        department {
          name
        }
        csat
        responses
        expectationMetRate
        perceptionGap
        slaCompliance
        resolvedTickets
      }
    }
  }
`;
