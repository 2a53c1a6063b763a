// A person's language over HTTP: chosen for oneself, kept on the account, read back on `me`, and
// shown to the staff who answer that person's tickets.
import { LANGUAGES } from '@studentdesk/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';

const SET = 'mutation($language: String) { setMyLanguage(language: $language) { language } }';
const MY_LANGUAGE = '{ me { language } }';

describe('a person’s language', () => {
  let api: TestApi;
  let school: School;

  beforeAll(async () => {
    api = await startTestApi('postgresql');
    school = await createSchool(api);
  });
  afterAll(() => api?.close());

  it('is chosen by the person, read back on me, and cleared to follow the browser again', async () => {
    expect((await api.gql(MY_LANGUAGE, {}, { token: school.tokens.bob })).data!.me).toEqual({ language: null });
    expect((await api.gql(SET, { language: 'zh-Hans' }, { token: school.tokens.bob })).data!.setMyLanguage).toEqual({
      language: 'zh-Hans',
    });
    expect((await api.gql(MY_LANGUAGE, {}, { token: school.tokens.bob })).data!.me).toEqual({ language: 'zh-Hans' });
    expect((await api.gql(SET, { language: null }, { token: school.tokens.bob })).data!.setMyLanguage).toEqual({ language: null });
  });

  it('refuses a language StudentDesk does not speak, naming the field, and keeps the one chosen', async () => {
    await api.gql(SET, { language: 'fr' }, { token: school.tokens.alice });
    for (const tag of ['de', 'zh-Hant', 'FR', '']) {
      const refused = await api.gql(SET, { language: tag }, { token: school.tokens.alice });
      expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.errors![0]!.extensions!.field).toBe('language');
    }
    expect((await api.gql(MY_LANGUAGE, {}, { token: school.tokens.alice })).data!.me).toEqual({ language: 'fr' });
  });

  it('is kept to the supported languages by the database too, and the database takes each of them', async () => {
    for (const language of LANGUAGES) await api.db.prisma.user.update({ where: { id: school.users.bob.id }, data: { language } });
    await expect(api.db.prisma.user.update({ where: { id: school.users.bob.id }, data: { language: 'de' } })).rejects.toThrow();
  });

  it('shows staff the language of the student behind a ticket', async () => {
    await api.gql(SET, { language: 'ar' }, { token: school.tokens.alice });
    const reported = await api.gql(
      'mutation($input: ReportProblemInput!) { reportProblem(input: $input) { ticket { id } } }',
      { input: { categoryId: school.categoryIds.login, title: 'لا أستطيع الدخول', description: 'كلمة المرور لا تعمل.' } },
      { token: school.tokens.alice },
    );
    const ticketId = reported.data!.reportProblem.ticket.id;
    const seen = await api.gql(
      'query($id: ID!) { ticket(id: $id) { requester { language } } }',
      { id: ticketId },
      { token: school.tokens.staff },
    );
    expect(seen.data!.ticket.requester).toEqual({ language: 'ar' });
  });
});
