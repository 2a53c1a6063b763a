// The report form against a scripted GraphQL link: what the student sees when the desk answers
// with an error, what the form sends when an answer never comes, and a report sent offline.
import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { act, cleanup, render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { Observable, of } from 'rxjs';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ENGLISH } from '../i18n/catalogs.js';
import { ReportForm } from './ReportForm.js';

type Answer = { data?: unknown; errors?: unknown[] } | Error;

function scriptedClient(reportAnswers: Answer[]) {
  const sent: Array<Record<string, any>> = [];
  const link = new ApolloLink((operation) => {
    if (operation.operationName === 'ReportCategories') {
      return of({
        data: {
          categories: [
            {
              __typename: 'Category',
              id: 'c1',
              name: 'Login & accounts',
              description: null,
              department: { __typename: 'Department', id: 'd1', name: 'IT' },
            },
          ],
        },
      });
    }
    if (operation.operationName === 'ReportSuggestions') {
      return of({ data: { suggestionsFor: { __typename: 'ReportSuggestions', articles: [], incidents: [] } } });
    }
    sent.push(operation.variables.input);
    const answer = reportAnswers.shift()!;
    return new Observable((observer) => {
      if (answer instanceof Error) observer.error(answer);
      else {
        observer.next(answer as never);
        observer.complete();
      }
    });
  });
  return { client: new ApolloClient({ link, cache: new InMemoryCache() }), sent };
}

/** The form as a guest ('guest') or a signed-in student ('user:…') sees it. */
function renderForm(client: ApolloClient, owner: 'guest' | `user:${string}`, onReported = vi.fn()) {
  render(
    <ApolloProvider client={client}>
      <IntlProvider locale="en" messages={ENGLISH}>
        <ReportForm owner={owner} guest={owner === 'guest'} onReported={onReported} onAnswered={vi.fn()} />
      </IntlProvider>
    </ApolloProvider>,
  );
}

async function fillIn(user: ReturnType<typeof userEvent.setup>) {
  await screen.findByRole('option', { name: 'Login & accounts' });
  await user.selectOptions(screen.getByLabelText('What is it about?'), 'c1');
  await user.type(screen.getByLabelText('Title'), 'Locked out');
  await user.type(screen.getByLabelText('What happened?'), 'Too many attempts.');
  // A guest also says who they are.
  if (screen.queryByLabelText('Your name')) {
    await user.type(screen.getByLabelText('Your name'), 'Lena Lost');
    await user.type(screen.getByLabelText('Email'), 'lena@example.edu');
  }
}

const reported = {
  data: {
    reportProblem: {
      __typename: 'ReportProblemPayload',
      trackingCode: 'sdt_x',
      ticket: { __typename: 'Ticket', id: 't1', number: 'SD-1' },
    },
  },
};

describe('the report form', () => {
  beforeEach(() => localStorage.clear());
  afterEach(cleanup);

  it('names every missing field at once, in the alert, and moves the focus to the first', async () => {
    const { client, sent } = scriptedClient([]);
    const user = userEvent.setup();
    renderForm(client, 'guest');
    await screen.findByRole('option', { name: 'Login & accounts' });
    await user.type(screen.getByLabelText('Title'), 'Locked out');
    await user.click(screen.getByRole('button', { name: 'Send report' }));
    await screen.findByText('Choose what the problem is about.');
    expect(screen.getByRole('alert').textContent).toBe('4 things to fix before sending: each is marked above.');
    for (const message of ['Describe the problem in a few words.', 'Tell us your name.', 'Tell us an email address to reach you.'])
      expect(screen.getByText(message)).toBeTruthy();
    expect(screen.queryByText('Give the problem a short title.')).toBeNull();
    expect(document.activeElement).toBe(screen.getByLabelText('What is it about?'));
    expect(screen.getByLabelText('What happened?').getAttribute('aria-invalid')).toBe('true');
    expect(sent).toHaveLength(0);
  });

  it('shows the desk’s message next to the field it concerns', async () => {
    const { client } = scriptedClient([
      {
        errors: [
          { message: 'Give the problem a short title, up to 200 characters.', extensions: { code: 'BAD_USER_INPUT', field: 'title' } },
        ],
      },
    ]);
    const user = userEvent.setup();
    renderForm(client, 'user:1');
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Send report' }));
    const title = screen.getByLabelText('Title');
    await vi.waitFor(() => expect(title.getAttribute('aria-invalid')).toBe('true'), { timeout: 10_000 });
    const describedBy = title.getAttribute('aria-describedby')!.split(' ');
    expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toContain(
      'Give the problem a short title, up to 200 characters.',
    );
  });

  it('retries a send that got no answer with the same idempotency key, then forgets the draft', async () => {
    const { client, sent } = scriptedClient([new Error('Failed to fetch'), reported]);
    const onReported = vi.fn();
    const user = userEvent.setup();
    renderForm(client, 'user:1', onReported);
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Send report' }));
    await vi.waitFor(() => expect(onReported).toHaveBeenCalledWith(reported.data.reportProblem), { timeout: 10_000 });
    expect(sent).toHaveLength(2);
    expect(sent[0]!.idempotencyKey).toBe(sent[1]!.idempotencyKey);
    expect(sent[0]).toMatchObject({ categoryId: 'c1', title: 'Locked out', description: 'Too many attempts.' });
    expect(localStorage.getItem('studentdesk.report-draft.user:1')).toBeNull();
  });

  it('keeps what was typed when the desk stays unreachable', async () => {
    const { client } = scriptedClient([new Error('offline'), new Error('offline'), new Error('offline'), new Error('offline')]);
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      renderForm(client, 'guest');
      await fillIn(user);
      await user.click(screen.getByRole('button', { name: 'Send report' }));
      await vi.advanceTimersByTimeAsync(10_000);
      await screen.findByText(/Your report is saved on this device/);
      expect(JSON.parse(localStorage.getItem('studentdesk.report-draft.guest')!)).toMatchObject({ title: 'Locked out' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('tells a rate-limited student from when they can send, and keeps what they typed', async () => {
    const { client, sent } = scriptedClient([
      {
        errors: [
          { message: 'Too many reports from your network without signing in.', extensions: { code: 'RATE_LIMITED', retryAfter: 600 } },
        ],
      },
    ]);
    const user = userEvent.setup();
    renderForm(client, 'guest');
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Send report' }));
    await screen.findByText(/You can send this one from \d\d:\d\d \(in about 10 minutes\)/);
    expect(sent).toHaveLength(1);
    expect(screen.getByLabelText('Title')).toHaveProperty('value', 'Locked out');
    expect(JSON.parse(localStorage.getItem('studentdesk.report-draft.guest')!)).toMatchObject({ title: 'Locked out' });
  });

  describe('offline', () => {
    const online = vi.spyOn(navigator, 'onLine', 'get');
    afterEach(() => online.mockReset());

    it('keeps a report sent offline waiting, and sends it once when the connection is back', async () => {
      online.mockReturnValue(true);
      const { client, sent } = scriptedClient([reported]);
      const onReported = vi.fn();
      const user = userEvent.setup();
      renderForm(client, 'guest', onReported);
      await fillIn(user);
      online.mockReturnValue(false);
      await act(() => void window.dispatchEvent(new Event('offline')));
      await screen.findByText(/You are offline. What you write is kept on this device/);

      await user.click(screen.getByRole('button', { name: 'Send report' }));
      await screen.findByText('You are offline. Your report is kept on this device and will be sent when you are back online.');
      expect(screen.getByRole('alert').textContent).toBe('');
      expect(sent).toHaveLength(0);
      // The draft is saved after the render that shows it (an effect).
      await vi.waitFor(() =>
        expect(JSON.parse(localStorage.getItem('studentdesk.report-draft.guest')!)).toMatchObject({
          title: 'Locked out',
          waitingToSend: true,
        }),
      );

      online.mockReturnValue(true);
      await act(() => void window.dispatchEvent(new Event('online')));
      await vi.waitFor(() => expect(onReported).toHaveBeenCalledWith(reported.data.reportProblem));
      await act(async () => void window.dispatchEvent(new Event('online')));
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ title: 'Locked out', description: 'Too many attempts.' });
      expect(localStorage.getItem('studentdesk.report-draft.guest')).toBeNull();
    });

    it('sends a report left waiting when the form next opens online, with the categories kept from before', async () => {
      online.mockReturnValue(true);
      localStorage.setItem(
        'studentdesk.report-draft.guest',
        JSON.stringify({
          categoryId: 'c1',
          title: 'Locked out',
          description: 'Too many attempts.',
          idempotencyKey: 'k1',
          waitingToSend: true,
        }),
      );
      const { client, sent } = scriptedClient([reported]);
      const onReported = vi.fn();
      renderForm(client, 'guest', onReported);
      await vi.waitFor(() => expect(onReported).toHaveBeenCalledTimes(1));
      expect(sent).toEqual([expect.objectContaining({ idempotencyKey: 'k1', title: 'Locked out' })]);
    });

    it('offers the categories last read from the desk when it cannot be reached', async () => {
      online.mockReturnValue(false);
      localStorage.setItem(
        'studentdesk.report-categories',
        JSON.stringify([{ id: 'c9', name: 'Printing', description: null, department: { id: 'd1', name: 'IT' } }]),
      );
      const link = new ApolloLink(() => new Observable((observer) => observer.error(new TypeError('Failed to fetch'))));
      renderForm(new ApolloClient({ link, cache: new InMemoryCache() }), 'guest');
      await screen.findByRole('option', { name: 'Printing' });
      await screen.findByText(/You are offline. What you write is kept on this device/);
    });
  });
});
