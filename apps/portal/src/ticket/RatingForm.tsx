// "How did we do?": 1–5, whether we met the expectation, and an optional comment.
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ChoiceGroup, Field, FormError } from '../components/Field.js';
import { formErrors, NO_ERRORS } from '../errors.js';
import type { ExpectationOutcome } from '../gql/graphql.js';
import { say, useIntl } from '../i18n/say.js';
import { RATE } from './ticket.documents.js';

const SCORES = [5, 4, 3, 2, 1] as const;

const EXPECTATIONS: readonly ExpectationOutcome[] = ['EXCEEDED', 'MET', 'BELOW'];

interface RatingFormProps {
  ticketId: string;
  trackingCode?: string;
  preselectedScore?: number;
  onRated: () => unknown;
}

export function RatingForm({ ticketId, trackingCode, preselectedScore, onRated }: RatingFormProps) {
  const intl = useIntl();
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
          ...(score ? {} : { score: say(intl, 'rating.scoreMissing') }),
          ...(expectation ? {} : { expectation: say(intl, 'rating.expectationMissing') }),
        },
        form: null,
      });
      return;
    }
    try {
      await rate({ variables: { input: { ticketId, score, expectation, comment: comment || null, trackingCode: trackingCode ?? null } } });
      await onRated();
    } catch (error) {
      setErrors(formErrors(error, intl));
    }
  };

  return (
    <form className="card rating-form" onSubmit={send} noValidate aria-labelledby="rate-heading">
      <h2 id="rate-heading">{say(intl, 'rating.heading')}</h2>
      <ChoiceGroup<number>
        legend={say(intl, 'rating.overall')}
        name="score"
        choices={SCORES.map(
          (value) => [value, say(intl, 'rating.choice', { score: value, words: say(intl, `rating.score.${value}`) })] as const,
        )}
        chosen={score}
        onChoose={setScore}
        error={errors.fields.score}
      />
      <ChoiceGroup<ExpectationOutcome>
        legend={say(intl, 'rating.expectation')}
        name="expectation"
        choices={EXPECTATIONS.map((outcome) => [outcome, say(intl, `rating.expectation.${outcome}`)] as const)}
        chosen={expectation}
        onChoose={setExpectation}
        error={errors.fields.expectation}
      />
      <Field label={say(intl, 'rating.comment')} error={errors.fields.comment}>
        <textarea rows={2} value={comment} onChange={(event) => setComment(event.target.value)} dir="auto" />
      </Field>
      <FormError message={errors.form} />
      <button type="submit" className="primary" disabled={loading}>
        {say(intl, 'rating.send')}
      </button>
    </form>
  );
}
