// Tickets are numbered SD-1, SD-2, …: short enough to read out on the phone.
const PREFIX = 'SD-';

export function formatTicketNumber(number: number): string {
  return `${PREFIX}${number}`;
}

/** The number in "SD-1042", "sd-1042" or "1042"; null for anything else. */
export function parseTicketNumber(text: string): number | null {
  const match = /^(?:sd-?)?(\d{1,9})$/i.exec(text.trim());
  return match ? Number(match[1]) : null;
}
