// The ticket as a student sees it, shared by the signed-in page, the tracking page and the live
// subscription, so every update lands in the same cached object.
import { graphql } from '../gql/index.js';

/** A rating as the ticket shows it; rating a ticket answers with the same, so the page updates in place. */
export const RATING_FIELDS = graphql(`
  fragment RatingFields on Rating {
    id
    score
    expectation
    comment
  }
`);

/** A file as a message shows it (components/Attachments.tsx). */
export const ATTACHMENT_FIELDS = graphql(`
  fragment AttachmentFields on Attachment {
    id
    filename
    contentType
    size
  }
`);

export const TICKET_DETAILS = graphql(`
  fragment TicketDetails on Ticket {
    id
    number
    title
    description
    ...TicketPromise
    createdAt
    expectedResolutionHours
    desiredOutcome
    attachments {
      ...AttachmentFields
    }
    category {
      id
      name
    }
    department {
      id
      name
    }
    incident {
      id
      title
      status
    }
    messages(first: 100) {
      edges {
        node {
          id
          body
          createdAt
          author {
            id
            name
          }
          automated
          attachments {
            ...AttachmentFields
          }
        }
      }
    }
    rating {
      ...RatingFields
    }
  }
`);

export const TICKET = graphql(`
  query TicketPage($id: ID!) {
    ticket(id: $id) {
      ...TicketDetails
      # A duplicate merged into another ticket: its conversation continues there.
      mergedInto {
        id
        number
      }
    }
  }
`);

export const TRACKED_TICKET = graphql(`
  query TrackedTicket($trackingCode: String!) {
    trackTicket(trackingCode: $trackingCode) {
      ...TicketDetails
    }
  }
`);

export const TICKET_LIVE = graphql(`
  subscription TicketLive($ticketId: ID!, $trackingCode: String) {
    ticketUpdated(ticketId: $ticketId, trackingCode: $trackingCode) {
      ...TicketDetails
    }
  }
`);

export const REPLY = graphql(`
  mutation ReplyToTicket($input: ReplyInput!) {
    reply(input: $input) {
      id
    }
  }
`);

export const REOPEN = graphql(`
  mutation ReopenTicket($ticketId: ID!, $reason: String!, $trackingCode: String) {
    reopenTicket(ticketId: $ticketId, reason: $reason, trackingCode: $trackingCode) {
      ...TicketDetails
    }
  }
`);

export const RATE = graphql(`
  mutation RateTicket($input: RateTicketInput!) {
    rateTicket(input: $input) {
      ...RatingFields
    }
  }
`);
