// Managers keep their department's canned responses; admins also the school-wide ones. A canned
// response may link published knowledge-base articles: their public links go into the reply with it,
// and may have a version per language, inserted for a student who reads the desk in that language.
import { useMutation, useQuery } from '@apollo/client/react';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '@studentdesk/domain';
import { Fragment, useState, type FormEvent } from 'react';
import { FilterSelect } from '../components/FilterSelect';
import { ActionOutcome } from '../components/ActionOutcome';
import { graphql } from '../gql';
import { useAction } from '../lib/use-action';
import { useViewer } from '../viewer';
import { formText } from '../lib/forms';

const CANNED_RESPONSES = graphql(`
  query ManageCannedResponses($departmentId: ID) {
    departments {
      id
      name
    }
    cannedResponses(departmentId: $departmentId) {
      id
      title
      body
      department {
        id
        name
      }
      articles {
        id
        title
      }
      versions {
        language
        body
      }
    }
  }
`);
const LINKABLE_ARTICLES = graphql(`
  query LinkableArticles($departmentId: ID, $schoolWide: Boolean) {
    articles(departmentId: $departmentId, schoolWide: $schoolWide, status: [PUBLISHED], first: 100) {
      edges {
        node {
          id
          title
        }
      }
    }
  }
`);
const CREATE = graphql(`
  mutation CreateCannedResponse($input: CreateCannedResponseInput!) {
    createCannedResponse(input: $input) {
      id
    }
  }
`);
const UPDATE = graphql(`
  mutation UpdateCannedResponse($input: UpdateCannedResponseInput!) {
    updateCannedResponse(input: $input) {
      id
      title
      body
      articles {
        id
        title
      }
      versions {
        language
        body
      }
    }
  }
`);

const PLACEHOLDERS = [
  '{{student.firstName}}',
  '{{student.name}}',
  '{{ticket.number}}',
  '{{ticket.title}}',
  '{{agent.firstName}}',
  '{{agent.name}}',
  '{{department.name}}',
];

/** Ticks for the published articles of a department (null: the school-wide ones) to link. */
function ArticleLinks({ departmentId, linked }: { departmentId: string | null; linked: ReadonlyArray<{ id: string; title: string }> }) {
  const { data, error } = useQuery(LINKABLE_ARTICLES, { variables: { departmentId, schoolWide: !departmentId } });
  const choices = [
    ...linked,
    ...(data?.articles.edges.map((edge) => edge.node) ?? []).filter((article) => !linked.some((link) => link.id === article.id)),
  ];
  return (
    <fieldset className="checkboxes">
      <legend>Linked articles (their links are added to the reply)</legend>
      {error && <p role="alert">{error.message}</p>}
      {data && choices.length === 0 && <p className="muted">No published articles yet.</p>}
      {choices.map((article) => (
        <label key={article.id} className="inline">
          <input type="checkbox" name="articleIds" value={article.id} defaultChecked={linked.some((link) => link.id === article.id)} />
          <span>{article.title}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** A text box per language; a blank one means no version in that language (the text above is used). */
function LanguageVersions({ versions }: { versions: ReadonlyArray<{ language: string; body: string }> }) {
  return (
    <fieldset>
      <legend>In other languages (inserted for a student who reads the desk in one; blank: the text above)</legend>
      {LANGUAGES.map((language) => (
        <label key={language}>
          {LANGUAGE_NAMES[language]}
          <textarea
            name={`version-${language}`}
            rows={2}
            maxLength={5000}
            lang={language}
            dir="auto"
            defaultValue={versions.find((version) => version.language === language)?.body ?? ''}
          />
        </label>
      ))}
    </fieldset>
  );
}

/** The versions a form holds: the languages whose box is not blank. */
const versionsIn = (form: FormData) =>
  LANGUAGES.map((language) => ({ language, body: formText(form, `version-${language}`) })).filter((version) => version.body.trim());

export function CannedResponses() {
  const viewer = useViewer();
  const [departmentId, setDepartmentId] = useState(viewer.department?.id ?? '');
  const { data, error, refetch } = useQuery(CANNED_RESPONSES, { variables: { departmentId: departmentId || null } });
  const [create] = useMutation(CREATE);
  const [update] = useMutation(UPDATE);
  const [editing, setEditing] = useState<string | null>(null);
  const [newFor, setNewFor] = useState(viewer.department?.id ?? '');
  const { problem, submit } = useAction();

  const save = (event: FormEvent<HTMLFormElement>, id: string | null) =>
    submit(event, async (form) => {
      const text = {
        title: formText(form, 'title'),
        body: formText(form, 'body'),
        articleIds: form.getAll('articleIds').map(String),
        versions: versionsIn(form),
      };
      if (id) await update({ variables: { input: { id, ...text } } });
      else await create({ variables: { input: { ...text, departmentId: formText(form, 'departmentId') || null } } });
      setEditing(null);
      await refetch();
    });

  return (
    <section aria-labelledby="canned-title">
      <h1 id="canned-title">Canned responses</h1>
      <p className="muted">Placeholders filled in for each ticket: {PLACEHOLDERS.join(' ')}</p>
      {viewer.role === 'ADMIN' && (
        <FilterSelect
          label="Department"
          every="School-wide only"
          value={departmentId}
          options={(data?.departments ?? []).map((department) => ({ value: department.id, label: department.name }))}
          onChange={setDepartmentId}
        />
      )}
      {error && <p role="alert">{error.message}</p>}
      <ActionOutcome problem={problem} />
      <form className="panel" onSubmit={(event) => save(event, null)} aria-labelledby="new-canned-title">
        <h2 id="new-canned-title">New canned response</h2>
        <label>
          Title
          <input name="title" required maxLength={120} />
        </label>
        <label>
          Text
          <textarea
            name="body"
            required
            rows={4}
            maxLength={5000}
            defaultValue={'Hi {{student.firstName}},\n\n\n\n{{agent.firstName}}, {{department.name}}'}
          />
        </label>
        <label>
          Used by
          <select name="departmentId" value={newFor} onChange={(event) => setNewFor(event.currentTarget.value)}>
            {viewer.role === 'ADMIN' && <option value="">Every department</option>}
            {data?.departments
              .filter((department) => viewer.role === 'ADMIN' || department.id === viewer.department?.id)
              .map((department) => (
                <option key={department.id} value={department.id}>
                  {department.name}
                </option>
              ))}
          </select>
        </label>
        <ArticleLinks departmentId={newFor || null} linked={[]} />
        <LanguageVersions versions={[]} />
        <button type="submit" className="primary">
          Add canned response
        </button>
      </form>
      <ul className="canned-list">
        {data?.cannedResponses.map((response) => {
          const mayEdit = viewer.role === 'ADMIN' || (response.department && response.department.id === viewer.department?.id);
          return (
            <li key={response.id} className="panel">
              {editing === response.id ? (
                <form onSubmit={(event) => save(event, response.id)} aria-label={`Edit ${response.title}`}>
                  <label>
                    Title
                    <input name="title" required maxLength={120} defaultValue={response.title} />
                  </label>
                  <label>
                    Text
                    <textarea name="body" required rows={4} maxLength={5000} defaultValue={response.body} />
                  </label>
                  <ArticleLinks departmentId={response.department?.id ?? null} linked={response.articles} />
                  <LanguageVersions versions={response.versions} />
                  <button type="submit" className="primary">
                    Save
                  </button>
                  <button type="button" onClick={() => setEditing(null)}>
                    Cancel
                  </button>
                </form>
              ) : (
                <>
                  <h2>{response.title}</h2>
                  <p className="muted">{response.department?.name ?? 'Every department'}</p>
                  <pre className="canned-body">{response.body}</pre>
                  {response.articles.length > 0 && <p>Links: {response.articles.map((article) => article.title).join(', ')}</p>}
                  {response.versions.length > 0 && (
                    <p>
                      Also in:{' '}
                      {response.versions.map((version, index) => (
                        <Fragment key={version.language}>
                          {index > 0 && ', '}
                          <span lang={version.language}>{LANGUAGE_NAMES[version.language as Language] ?? version.language}</span>
                        </Fragment>
                      ))}
                    </p>
                  )}
                  {mayEdit && (
                    <button type="button" onClick={() => setEditing(response.id)}>
                      Edit
                    </button>
                  )}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
