// The knowledge base: a department's articles by status, and the editor — Markdown beside the
// preview students will see (rendered by the API's one sanitising renderer), save as a new draft
// version, publish, and the history with a line diff and restore.
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ActionOutcome } from '../components/ActionOutcome';
import { ToneBadge } from '../components/Badges';
import { FilterSelect, optionsOf } from '../components/FilterSelect';
import { ListTable } from '../components/ListTable';
import { LoadMore } from '../components/LoadMore';
import { graphql } from '../gql';
import type { ArticleStatus } from '../gql/graphql';
import { formText } from '../lib/forms';
import type { Tone } from '../lib/integrations';
import { lineDiff } from '../lib/line-diff';
import { formatDateTime } from '../lib/time';
import { useAction } from '../lib/use-action';
import { isAdmin, useViewer } from '../viewer';

const ARTICLES = graphql(`
  query KnowledgeBase($departmentId: ID, $schoolWide: Boolean, $status: [ArticleStatus!], $after: String) {
    departments {
      id
      name
      categories {
        id
        name
      }
    }
    articles(departmentId: $departmentId, schoolWide: $schoolWide, status: $status, first: 50, after: $after) {
      edges {
        node {
          id
          status
          updatedAt
          latestVersion {
            number
            title
          }
          publishedVersion {
            number
          }
        }
      }
      pageInfo {
        ...MorePages
      }
    }
  }
`);

const CREATE = graphql(`
  mutation CreateArticle($input: CreateArticleInput!) {
    createArticle(input: $input) {
      id
    }
  }
`);

export const ARTICLE_EDITOR_FIELDS = graphql(`
  fragment ArticleEditorFields on Article {
    id
    slug
    status
    url
    department {
      id
      name
    }
    latestVersion {
      number
      title
      summary
      body
    }
    publishedVersion {
      number
    }
  }
`);

const ARTICLE = graphql(`
  query ArticleEditor($id: ID!, $after: String) {
    node(id: $id) {
      ... on Article {
        ...ArticleEditorFields
        versions(first: 20, after: $after) {
          edges {
            node {
              number
              title
              summary
              body
              note
              createdAt
              author {
                id
                name
              }
            }
          }
          pageInfo {
            ...MorePages
          }
        }
      }
    }
  }
`);

const PREVIEW = graphql(`
  query MarkdownPreview($markdown: String!) {
    renderMarkdown(markdown: $markdown)
  }
`);

const SAVE = graphql(`
  mutation SaveArticle($input: SaveArticleInput!) {
    saveArticle(input: $input) {
      ...ArticleEditorFields
    }
  }
`);
const PUBLISH = graphql(`
  mutation PublishArticle($input: PublishArticleInput!) {
    publishArticle(input: $input) {
      ...ArticleEditorFields
    }
  }
`);
const UNPUBLISH = graphql(`
  mutation UnpublishArticle($id: ID!) {
    unpublishArticle(id: $id) {
      ...ArticleEditorFields
    }
  }
`);
const ARCHIVE = graphql(`
  mutation ArchiveArticle($id: ID!) {
    archiveArticle(id: $id) {
      ...ArticleEditorFields
    }
  }
`);
const RESTORE = graphql(`
  mutation RestoreArticleVersion($input: RestoreArticleVersionInput!) {
    restoreArticleVersion(input: $input) {
      ...ArticleEditorFields
    }
  }
`);

const STATUS_LABELS: Record<ArticleStatus, string> = { DRAFT: 'Draft', PUBLISHED: 'Published', ARCHIVED: 'Archived' };
const STATUS_TONES: Record<ArticleStatus, Tone> = { DRAFT: 'waiting', PUBLISHED: 'ok', ARCHIVED: 'late' };
const STATUS_OPTIONS = optionsOf<ArticleStatus>(['DRAFT', 'PUBLISHED', 'ARCHIVED'], (status) => STATUS_LABELS[status]);
/** Admins choose this to list the articles of no department. */
const SCHOOL_WIDE = 'school-wide';

function ArticleStatusBadge({ status }: { status: ArticleStatus }) {
  return <ToneBadge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</ToneBadge>;
}

export function KnowledgeBase() {
  const viewer = useViewer();
  const navigate = useNavigate();
  const [department, setDepartment] = useState(viewer.department?.id ?? (isAdmin(viewer) ? SCHOOL_WIDE : ''));
  const [status, setStatus] = useState<ArticleStatus | ''>('');
  const schoolWide = department === SCHOOL_WIDE;
  const { data, error, fetchMore } = useQuery(ARTICLES, {
    variables: { departmentId: schoolWide ? null : department || null, schoolWide, status: status ? [status] : null },
    fetchPolicy: 'cache-and-network',
  });
  const [create] = useMutation(CREATE);
  const { problem, submit } = useAction();
  const categories = schoolWide
    ? (data?.departments ?? []).flatMap((row) => row.categories)
    : (data?.departments.find((row) => row.id === department)?.categories ?? []);

  return (
    <section aria-labelledby="kb-title">
      <h1 id="kb-title">Knowledge base</h1>
      <div className="actions">
        {isAdmin(viewer) && (
          <label>
            Department
            <select value={department} onChange={(event) => setDepartment(event.currentTarget.value)}>
              <option value={SCHOOL_WIDE}>School-wide</option>
              {data?.departments.map((row) => (
                <option key={row.id} value={row.id}>
                  {row.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <FilterSelect label="Status" every="Any status" value={status} options={STATUS_OPTIONS} onChange={setStatus} />
      </div>
      {error && <p role="alert">{error.message}</p>}
      <h2 id="kb-list-title">Articles</h2>
      {data && data.articles.edges.length === 0 && <p>No articles here yet.</p>}
      {data && data.articles.edges.length > 0 && (
        <ListTable labelledBy="kb-list-title" columns={['Title', 'Status', 'Versions', 'Changed']}>
          {data.articles.edges.map(({ node: article }) => (
            <tr key={article.id}>
              <th scope="row">
                <Link to={`/knowledge-base/${encodeURIComponent(article.id)}`}>{article.latestVersion.title}</Link>
              </th>
              <td>
                <ArticleStatusBadge status={article.status} />
              </td>
              <td>
                {article.latestVersion.number}
                {article.publishedVersion && article.publishedVersion.number !== article.latestVersion.number
                  ? ` (version ${article.publishedVersion.number} is live)`
                  : ''}
              </td>
              <td>{formatDateTime(article.updatedAt)}</td>
            </tr>
          ))}
        </ListTable>
      )}
      <LoadMore pageInfo={data?.articles.pageInfo} label="More articles" onMore={(after) => fetchMore({ variables: { after } })} />

      <form
        className="panel"
        aria-labelledby="new-article-title"
        onSubmit={(event) =>
          submit(event, async (form) => {
            const created = await create({
              variables: {
                input: {
                  departmentId: schoolWide ? null : department,
                  title: formText(form, 'title'),
                  summary: formText(form, 'summary'),
                  body: formText(form, 'body'),
                  slug: formText(form, 'slug') || null,
                  categoryId: formText(form, 'categoryId') || null,
                },
              },
            });
            if (created.data) await navigate(`/knowledge-base/${encodeURIComponent(created.data.createArticle.id)}`);
          })
        }
      >
        <h2 id="new-article-title">New article</h2>
        <label>
          Title
          <input name="title" required maxLength={200} />
        </label>
        <label>
          Summary
          <input name="summary" required maxLength={300} aria-describedby="new-summary-help" />
        </label>
        <p id="new-summary-help" className="muted">
          A sentence, shown in suggestions while students report.
        </p>
        <label>
          Body (Markdown)
          <textarea name="body" required rows={4} maxLength={50000} />
        </label>
        <label>
          Slug
          <input name="slug" maxLength={80} pattern="[a-z0-9]+(-[a-z0-9]+)*" aria-describedby="new-slug-help" />
        </label>
        <p id="new-slug-help" className="muted">
          Optional: made from the title when left empty. Lowercase words joined by hyphens; it never changes.
        </p>
        <label>
          Category
          <select name="categoryId" defaultValue="">
            <option value="">None</option>
            {categories.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          Create draft
        </button>
        <ActionOutcome problem={problem} />
      </form>
    </section>
  );
}

/** The text settles for this long before the preview is asked for, so typing stays smooth. */
const PREVIEW_PAUSE_MS = 300;

function useSettled(value: string): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), PREVIEW_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

type Draft = { title: string; summary: string; body: string; note: string };

export function ArticleEditor() {
  const { id = '' } = useParams();
  const { data, error, loading, refetch, fetchMore } = useQuery(ARTICLE, { variables: { id } });
  const article = data?.node && 'latestVersion' in data.node ? data.node : null;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [base, setBase] = useState<number | null>(null);
  const [shown, setShown] = useState<number | null>(null);
  const [save] = useMutation(SAVE);
  const [publish] = useMutation(PUBLISH);
  const [unpublish] = useMutation(UNPUBLISH);
  const [archive] = useMutation(ARCHIVE);
  const [restore] = useMutation(RESTORE);
  const { problem, run } = useAction();
  // What the last change came to, in words naming the version it made.
  const [outcome, setOutcome] = useState('');
  const act = (action: () => Promise<string>) => {
    setOutcome('');
    void run(async () => setOutcome(await action()));
  };

  // The editor starts from the newest version, and again whenever a newer one arrives (adjusted
  // while rendering, as React advises for state that follows data).
  const latest = article?.latestVersion;
  if (latest && latest.number !== base) {
    setBase(latest.number);
    setDraft({ title: latest.title, summary: latest.summary, body: latest.body, note: '' });
  }

  const markdown = useSettled(draft?.body ?? '');
  const preview = useQuery(PREVIEW, { variables: { markdown }, skip: !markdown });
  const previewHtml = markdown ? (preview.data ?? preview.previousData)?.renderMarkdown : '';

  if (loading && !data) return <p className="loading">Loading…</p>;
  if (error) return <p role="alert">{error.message}</p>;
  if (!article || !draft || !latest)
    return (
      <p>
        There is no such article. <Link to="/knowledge-base">Back to the knowledge base</Link>.
      </p>
    );

  const changed = draft.title !== latest.title || draft.summary !== latest.summary || draft.body !== latest.body;
  const versions = article.versions.edges.map((edge) => edge.node);
  const shownIndex = versions.findIndex((version) => version.number === shown);
  const shownVersion = shownIndex >= 0 ? versions[shownIndex]! : null;
  const previous = shownIndex >= 0 ? (versions[shownIndex + 1] ?? null) : null;
  const edit = (field: keyof Draft) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setDraft((current) => current && { ...current, [field]: value });
  };

  /** Saves the editor's text as a new version; the number it got. */
  const saveDraft = async () => {
    const saved = await save({
      variables: {
        input: {
          id: article.id,
          title: draft.title,
          summary: draft.summary,
          body: draft.body,
          note: draft.note || null,
          baseVersion: base,
        },
      },
    });
    await refetch();
    return saved.data!.saveArticle.latestVersion.number;
  };

  return (
    <section aria-labelledby="article-title">
      <p>
        <Link to="/knowledge-base">Knowledge base</Link>
      </p>
      <div className="page-head">
        <h1 id="article-title">{latest.title}</h1>
        <ArticleStatusBadge status={article.status} />
      </div>
      <p className="muted">
        {article.department?.name ?? 'School-wide'} · version {latest.number}
        {article.publishedVersion ? ` · version ${article.publishedVersion.number} is live at ` : ' · not published'}
        {article.publishedVersion && <a href={article.url}>{article.url}</a>}
      </p>

      <form
        className="panel"
        aria-label="Edit the article"
        onSubmit={(event) => {
          event.preventDefault();
          act(async () => `Saved version ${await saveDraft()} as a draft.`);
        }}
      >
        <label>
          Title
          <input value={draft.title} onChange={edit('title')} required maxLength={200} />
        </label>
        <label>
          Summary
          <input value={draft.summary} onChange={edit('summary')} required maxLength={300} />
        </label>
        <div className="article-editor">
          <div>
            <label>
              Body (Markdown)
              <textarea value={draft.body} onChange={edit('body')} required rows={18} maxLength={50000} aria-describedby="markdown-help" />
            </label>
            <p id="markdown-help" className="muted">
              ## heading, **bold**, *italic*, - list, 1. steps, [words](https://link). HTML is removed.
            </p>
          </div>
          <section aria-labelledby="preview-title" className="article-preview">
            <h2 id="preview-title">Preview</h2>
            {/* The API rendered and sanitised this HTML: the same renderer students' pages use. */}
            <div className="markdown" dangerouslySetInnerHTML={{ __html: previewHtml ?? '' }} />
          </section>
        </div>
        <label>
          What changed
          <input value={draft.note} onChange={edit('note')} maxLength={500} aria-describedby="note-help" />
        </label>
        <p id="note-help" className="muted">
          Optional, shown in the history.
        </p>
        <div className="actions">
          <button type="submit" disabled={!changed}>
            Save draft
          </button>
          <button
            type="button"
            className="primary"
            disabled={!changed && article.status === 'PUBLISHED' && article.publishedVersion?.number === latest.number}
            onClick={() =>
              act(async () => {
                const number = changed ? await saveDraft() : latest.number;
                await publish({ variables: { input: { id: article.id, version: number } } });
                await refetch();
                return `Published version ${number}.`;
              })
            }
          >
            Publish
          </button>
          {article.status === 'PUBLISHED' && (
            <button
              type="button"
              onClick={() =>
                act(async () => (await unpublish({ variables: { id: article.id } }), 'Taken offline: students no longer see it.'))
              }
            >
              Unpublish
            </button>
          )}
          {article.status !== 'ARCHIVED' && (
            <button type="button" onClick={() => act(async () => (await archive({ variables: { id: article.id } }), 'Archived.'))}>
              Archive
            </button>
          )}
        </div>
        <ActionOutcome problem={problem} done={outcome} />
      </form>

      <section aria-labelledby="history-title" className="panel">
        <h2 id="history-title">History</h2>
        <ol className="article-history">
          {versions.map((version) => (
            <li key={version.number}>
              <strong>Version {version.number}</strong>
              {article.publishedVersion?.number === version.number && ' (live)'} · {version.author?.name ?? 'someone'} ·{' '}
              {formatDateTime(version.createdAt)}
              {version.note && ` · ${version.note}`}
              <span className="actions">
                <button
                  type="button"
                  aria-pressed={shown === version.number}
                  onClick={() => setShown(shown === version.number ? null : version.number)}
                >
                  Changes in version {version.number}
                </button>
                {version.number !== latest.number && (
                  <button
                    type="button"
                    onClick={() =>
                      act(async () => {
                        const restored = await restore({ variables: { input: { id: article.id, version: version.number } } });
                        await refetch();
                        return `Restored version ${version.number} as version ${restored.data!.restoreArticleVersion.latestVersion.number}, a draft.`;
                      })
                    }
                  >
                    Restore version {version.number}
                  </button>
                )}
              </span>
            </li>
          ))}
        </ol>
        <LoadMore pageInfo={article.versions.pageInfo} label="Older versions" onMore={(after) => fetchMore({ variables: { after } })} />
        {shownVersion && (
          <figure aria-labelledby="diff-title">
            <figcaption id="diff-title">
              Version {shownVersion.number} {previous ? `against version ${previous.number}` : '(the first)'}
            </figcaption>
            <pre className="line-diff">
              {lineDiff(
                previous ? `${previous.title}\n${previous.summary}\n\n${previous.body}` : '',
                `${shownVersion.title}\n${shownVersion.summary}\n\n${shownVersion.body}`,
              ).map((line, index) =>
                line.kind === 'same' ? (
                  <span key={index}>{`  ${line.text}\n`}</span>
                ) : line.kind === 'added' ? (
                  <ins key={index}>{`+ ${line.text}\n`}</ins>
                ) : (
                  <del key={index}>{`- ${line.text}\n`}</del>
                ),
              )}
            </pre>
          </figure>
        )}
      </section>
    </section>
  );
}
