import { randomUUID } from 'node:crypto';

/** The Redis the tests use: the machine's own, unless TEST_REDIS_URL names another. */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Keys of this test file's APIs, apart from other test runs sharing the machine's Redis. */
export const TEST_REDIS_KEY_PREFIX = `studentdesk-test-${randomUUID()}:`;
