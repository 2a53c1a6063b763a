-- "Lost my link": a fresh tracking link mailed on request.
ALTER TYPE "EmailKind" ADD VALUE 'TICKET_LINK';
