// What the journeys ask the desk behind the portal, as its staff and admin would through the API.
import type { JourneyStack } from '@studentdesk/testing';

const FIND_TICKETS = /* GraphQL */ `
  query FindTickets($search: String) {
    tickets(first: 20, filter: { search: $search }) {
      edges {
        node {
          id
          number
          title
          status
          language
          channel
          studentNumber
          expectedResolutionHours
          desiredOutcome
          rating {
            score
            expectation
            comment
          }
        }
      }
    }
  }
`;

const OUTBOX = /* GraphQL */ `
  {
    emailOutbox(first: 100) {
      edges {
        node {
          kind
          toAddress
          text
        }
      }
    }
  }
`;

/** The tickets an admin finds by a ticket number, the reporter's email or words of the title; every ticket without `search`. */
export async function findTickets(stack: JourneyStack, search: string | null): Promise<any[]> {
  const admin = await stack.as('admin');
  return (await admin(FIND_TICKETS, { search })).tickets.edges.map((edge: any) => edge.node);
}

/** The emails written to `address`, newest first, as admins read the outbox. */
export async function emailsTo(stack: JourneyStack, address: string): Promise<any[]> {
  const admin = await stack.as('admin');
  return (await admin(OUTBOX)).emailOutbox.edges.map((edge: any) => edge.node).filter((email: any) => email.toAddress === address);
}
