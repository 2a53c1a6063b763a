// "How did we do?": 1–5, whether we met the expectation, and an optional comment.
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ChoiceGroup, Field, FormError } from '../components/Field.js';
import { formErrors, NO_ERRORS } from '../errors.js';
import type { ExpectationOutcome } from '../gql/graphql.js';
import { RATE } from './ticket.documents.js';

const SCORES = [
  [5, 'Very satisfied'],
  [4, 'Satisfied'],
  [3, 'Neither'],
  [2, 'Dissatisfied'],
  [1, 'Very dissatisfied'],
] as const;

const EXPECTATIONS: ReadonlyArray<readonly [ExpectationOutcome, string]> = [
  ['EXCEEDED', 'Better than I expected'],
  ['MET', 'As I expected'],
  ['BELOW', 'Worse than I expected'],
];

interface RatingFormProps {
  ticketId: string;
  trackingCode?: string;
  preselectedScore?: number;
  onRated: () => unknown;
}

export function RatingForm({ ticketId, trackingCode, preselectedScore, onRated }: RatingFormProps) {
  const [score, setScore] = useState<number | null>(preselectedScore ?? null);
  const [expectation, setExpectation] = useState<ExpectationOutcome | null>(null);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState(NO_ERRORS);
  const [rate, { loading }] = useMutation(RATE);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!score || !expectation) {
      setErrors({
        fields: {
          ...(score ? {} : { score: 'Choose a score.' }),
          ...(expectation ? {} : { expectation: 'Tell us how it compared with what you expected.' }),
        },
        form: null,
      });
      return;
    }
    try {
      await rate({ variables: { input: { ticketId, score, expectation, comment: comment || null, trackingCode: trackingCode ?? null } } });
      await onRated();
    } catch (error) {
      setErrors(formErrors(error));
    }
  };

  return (
    <form className="card rating-form" onSubmit={send} noValidate aria-labelledby="rate-heading">
      <h2 id="rate-heading">How did we do?</h2>
      <ChoiceGroup<number>
        legend="Your overall satisfaction"
        name="score"
        choices={SCORES.map(([value, words]) => [value, `${value} – ${words}`] as const)}
        chosen={score}
        onChoose={setScore}
        error={errors.fields.score}
      />
      <ChoiceGroup<ExpectationOutcome>
        legend="Did we meet your expectation?"
        name="expectation"
        choices={EXPECTATIONS}
        chosen={expectation}
        onChoose={setExpectation}
        error={errors.fields.expectation}
      />
      <Field label="Anything to add? (optional)" error={errors.fields.comment}>
        <textarea rows={2} value={comment} onChange={(event) => setComment(event.target.value)} />
      </Field>
      <FormError message={errors.form} />
      <button type="submit" className="primary" disabled={loading}>
        Send rating
      </button>
    </form>
  );
}
