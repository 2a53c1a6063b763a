// "How do you think they will rate this?": asked whenever tickets are resolved, one at a time or
// through an incident, so every resolution counts in the perception gap.
import { formText } from '../lib/forms';

/** "How do you think they will rate this?": asked whenever tickets are resolved, one or many, for the perception gap. */
export function PredictedScoreField({ legend }: { legend: string }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {[1, 2, 3, 4, 5].map((score) => (
        <label key={score} className="inline">
          <input type="radio" name="predictedScore" value={score} required /> {score}
        </label>
      ))}
    </fieldset>
  );
}

/** The predicted score a form's PredictedScoreField holds. */
export function predictedScore(form: FormData): number | null {
  const value = formText(form, 'predictedScore');
  return value ? Number(value) : null;
}
