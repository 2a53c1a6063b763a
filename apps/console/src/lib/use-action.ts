// What every form and button in the console does with a change: run it, then say what happened —
// the API's own message when it refuses (they are written for people), a short note when it worked.
import { useCallback, useState, type FormEvent } from 'react';

export function useAction() {
  const [problem, setProblem] = useState('');
  const [done, setDone] = useState('');

  const run = useCallback(async (action: () => Promise<unknown>, doneMessage = ''): Promise<boolean> => {
    setProblem('');
    setDone('');
    try {
      await action();
      setDone(doneMessage);
      return true;
    } catch (failure) {
      setProblem(failure instanceof Error ? failure.message : 'That did not work.');
      return false;
    }
  }, []);

  /** For a form's onSubmit: the action gets the form's fields; the form is cleared once it worked. */
  const submit = useCallback(
    async (event: FormEvent<HTMLFormElement>, action: (form: FormData) => Promise<unknown>, doneMessage = '') => {
      event.preventDefault();
      const form = event.currentTarget;
      if (await run(() => action(new FormData(form)), doneMessage)) form.reset();
    },
    [run],
  );

  const clear = useCallback(() => {
    setProblem('');
    setDone('');
  }, []);

  return { problem, done, run, submit, clear };
}
