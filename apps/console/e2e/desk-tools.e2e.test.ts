// The desk tools, in real Chromium against the built console, portal and API: Jonas tags Amara's
// ticket and finds it by that tag in the queue; he makes a macro and applies it, which posts a reply
// greeting Amara by her first name, sets the status and adds a tag in one click; Amara reads the
// reply in the portal. He links the other ticket as related, declares an incident
// from his ticket with the related one linked, and transfers the other to Financial Aid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type ReportedTicket, type Stack } from './stack.js';

describe('desk tools', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  let tagged: ReportedTicket;
  let other: ReportedTicket;
  const report = (title: string) => stack.report('amara', 'Wi-Fi & network', title, 'In the library, since this morning.');

  it('tags a ticket and filters the queue by the tag', async () => {
    tagged = await report('Eduroam asks for my password again and again');
    other = await report('Printer on floor 2 is offline');

    const jonas = await stack.signedInPage('staff');
    await jonas.goto(`${stack.origin}/console/tickets/${tagged.id}`);
    await jonas.getByRole('heading', { name: /Eduroam asks for my password/ }).waitFor();
    const tags = jonas.getByRole('region', { name: 'Tags' });
    await tags.getByLabel('Add tag').fill('eduroam');
    await tags.getByRole('button', { name: 'Add tag' }).click();
    await tags.getByRole('button', { name: 'Remove tag eduroam' }).waitFor();
    await jonas.getByText('Tagged eduroam').waitFor();

    // The queue, narrowed to the tag, lists this ticket with its chip and not the other one.
    await jonas.goto(`${stack.origin}/console/queue/open`);
    await jonas.getByRole('link', { name: new RegExp(other.number) }).waitFor();
    await jonas.getByLabel('Tag').selectOption({ label: 'eduroam' });
    await jonas.waitForURL(/tag=/);
    const row = jonas.getByRole('row').filter({ hasText: tagged.number });
    await row.getByText('eduroam', { exact: true }).waitFor();
    await jonas.getByRole('link', { name: new RegExp(other.number) }).waitFor({ state: 'detached' });
    expect(await stack.accessibilityProblems(jonas), 'axe on the queue filtered by tag').toEqual([]);
  }, 120_000);

  it('applies a macro that sets the status and a tag and greets the student by her first name; she reads it in the portal', async () => {
    const jonas = await stack.signedInPage('staff');
    const tags = jonas.getByRole('region', { name: 'Tags' });
    await jonas.goto(`${stack.origin}/console/queue/open`);
    // A macro of his own: wait on the student, tag "password", and a greeting with her first name.
    await jonas.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Macros' }).click();
    await jonas.getByRole('heading', { name: 'Macros', level: 1 }).waitFor();
    await stack.gqlAs('staff', 'mutation($input: TagTicketInput!) { tagTicket(input: $input) { id } }', {
      input: { ticketId: other.id, add: ['password'] },
    });
    await jonas.reload();
    const form = jonas.getByRole('form', { name: 'New macro' });
    await form.getByLabel('Name').fill('Reset link sent');
    await form.getByLabel('Status').selectOption({ label: 'Waiting on student' });
    await form.getByLabel('Tags to add').selectOption({ label: 'password' });
    await form.getByRole('textbox', { name: 'Reply' }).fill('Hi {{student.firstName}}, I have sent you a link to reset your password.');
    await form.getByRole('button', { name: 'Save macro' }).click();
    await jonas.getByRole('heading', { name: /Reset link sent/ }).waitFor();
    expect(await stack.accessibilityProblems(jonas), 'axe on the macros page').toEqual([]);

    await jonas.goto(`${stack.origin}/console/tickets/${tagged.id}`);
    await jonas.getByRole('region', { name: 'Ticket actions' }).getByRole('button', { name: 'Macros…' }).click();
    const dialog = jonas.getByRole('dialog', { name: 'Apply a macro' });
    await dialog.getByLabel('Macro').selectOption({ label: 'Reset link sent' });
    const preview = dialog.getByRole('region', { name: 'What it will do' });
    await preview.getByText('Hi Amara, I have sent you a link to reset your password.').waitFor();
    await preview.getByText('Sets the status to Waiting on student').waitFor();
    expect(await stack.accessibilityProblems(jonas), 'axe on the macro preview').toEqual([]);
    await stack.screenshot(jonas, 'macro-preview');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await jonas.getByRole('status').filter({ hasText: 'Applied “Reset link sent”.' }).waitFor();
    await tags.getByRole('button', { name: 'Remove tag password' }).waitFor();
    await jonas.getByRole('article').getByText('Waiting on student').first().waitFor();
    await jonas.getByText('Macro “Reset link sent” applied').waitFor();

    // Amara reads the reply in the portal.
    const amara = await stack.signedInPage('amara', 'portal');
    await amara.goto(`${stack.origin}/tickets/${tagged.id}`);
    await amara.getByText('Hi Amara, I have sent you a link to reset your password.').waitFor();
  }, 120_000);

  it('links a related ticket and declares an incident from the ticket with it', async () => {
    const jonas = await stack.signedInPage('staff');
    await jonas.goto(`${stack.origin}/console/tickets/${tagged.id}`);
    await jonas.getByRole('heading', { name: /Eduroam asks for my password/ }).waitFor();
    // The printer ticket is related (not a duplicate): linked by its number, listed beside the conversation.
    const relatedPanel = jonas.getByRole('region', { name: 'Related tickets' });
    await relatedPanel.getByLabel('Link ticket number').fill(other.number.toLowerCase());
    await relatedPanel.getByRole('button', { name: 'Link' }).click();
    await relatedPanel.getByRole('link', { name: new RegExp(other.number) }).waitFor();

    // It is an outage after all: an incident from this ticket, with the related one linked too.
    await jonas.getByRole('region', { name: 'Ticket actions' }).getByRole('button', { name: 'Turn into incident…' }).click();
    const declare = jonas.getByRole('dialog', { name: `Declare an incident from ${tagged.number}` });
    await declare
      .getByLabel('What is happening, and what students can do meanwhile')
      .fill('Sign-in to eduroam fails; use the guest network.');
    await declare.getByRole('checkbox', { name: new RegExp(other.number) }).waitFor();
    await declare.getByRole('button', { name: 'Declare incident' }).click();
    await jonas.waitForURL(/\/console\/incidents\//);
    const incident = await stack.gqlAs('admin', 'query($id: ID!) { ticket(id: $id) { incident { ticketCount } } }', { id: other.id });
    expect(incident).toEqual({ ticket: { incident: { ticketCount: 2 } } });
  }, 120_000);

  it('transfers a ticket to another department with a note for the receiving team', async () => {
    // A ticket of its own: a fee charged for printing belongs to Financial Aid. Jonas is back in his queue after.
    const printer = await stack.report(
      'ben',
      'Wi-Fi & network',
      'Printer on floor 2 charged me twice',
      'My printing credit went down twice.',
    );
    const jonas = await stack.signedInPage('staff');
    await jonas.goto(`${stack.origin}/console/tickets/${printer.id}`);
    await jonas.getByRole('heading', { name: /Printer on floor 2 charged me twice/ }).waitFor();
    await jonas.getByRole('region', { name: 'Ticket actions' }).getByRole('button', { name: 'Transfer…' }).click();
    const transfer = jonas.getByRole('dialog', { name: `Transfer ${printer.number} to another department` });
    await transfer.getByLabel('New category').selectOption({ label: 'Fees & invoices' });
    await transfer.getByLabel('Note for the receiving team (internal)').fill('Printing credit was charged twice.');
    expect(await stack.accessibilityProblems(jonas), 'axe on the transfer dialog').toEqual([]);
    await transfer.getByRole('button', { name: 'Transfer' }).click();
    await jonas.waitForURL(/\/console\/queue\//);
    const moved = await stack.gqlAs('admin', 'query($id: ID!) { ticket(id: $id) { department { name } } }', { id: printer.id });
    expect(moved).toEqual({ ticket: { department: { name: 'Financial Aid' } } });
  }, 120_000);
});
