// Who is signed in: every page reads the viewer from here.
import { createContext, useContext } from 'react';
import type { ViewerQuery } from './gql/graphql';
import { graphql } from './gql';

export const VIEWER = graphql(`
  query Viewer {
    me {
      id
      name
      email
      role
      language
      department {
        id
        name
      }
    }
  }
`);

export type Viewer = NonNullable<ViewerQuery['me']>;

export const ViewerContext = createContext<Viewer | null>(null);

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer needs a signed-in staff member');
  return viewer;
}

export const seesEveryDepartment = (viewer: Viewer) => viewer.role === 'MANAGER' || viewer.role === 'ADMIN';

/** Admins keep the school's integrations (API keys, webhooks) and read the email outbox. */
export const isAdmin = (viewer: Viewer) => viewer.role === 'ADMIN';
