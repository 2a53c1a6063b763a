// What a change came to (see useAction): the API's refusal as an alert, and the note of success in
// a live region that is always in the page, since screen readers only announce changes to one that was
// already there. Forms that say nothing on success pass no `done`.
export function ActionOutcome({ problem, done }: { problem: string; done?: string }) {
  return (
    <>
      {problem && (
        <p role="alert" className="problem">
          {problem}
        </p>
      )}
      {done !== undefined && (
        <p role="status" className="status-line">
          {done}
        </p>
      )}
    </>
  );
}
