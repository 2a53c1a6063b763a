import { describe, expect, it } from 'vitest';
import { attemptDueSoon, deliveryState, endOfDay, eventName, keyState, localDay, scopeName, SCOPES, EVENTS } from './integrations.js';

const now = Date.parse('2026-03-02T12:00:00Z');
const inSeconds = (seconds: number) => new Date(now + seconds * 1000).toISOString();

describe('integration names', () => {
  it('names scopes and events as integrators read them in errors and payloads', () => {
    expect(scopeName('TICKETS_READ')).toBe('tickets:read');
    expect(scopeName('WEBHOOKS_MANAGE')).toBe('webhooks:manage');
    expect(eventName('TICKET_CREATED')).toBe('ticket.created');
    expect(eventName('TICKET_STATUS_CHANGED')).toBe('ticket.status_changed');
  });

  it('offers every scope and every event the API knows', () => {
    expect(SCOPES).toEqual(['TICKETS_READ', 'TICKETS_WRITE', 'RATINGS_READ', 'INSIGHTS_READ', 'WEBHOOKS_MANAGE', 'SCIM_PROVISION']);
    expect(EVENTS).toEqual([
      'TICKET_CREATED',
      'TICKET_STATUS_CHANGED',
      'TICKET_ASSIGNED',
      'MESSAGE_CREATED',
      'RATING_SUBMITTED',
      'AUTOMATION_FIRED',
    ]);
  });
});

describe('API key state', () => {
  it('calls a revoked key revoked, even once it has also expired', () => {
    expect(keyState({ revokedAt: inSeconds(-60), expiresAt: inSeconds(-30) }, now)).toBe('revoked');
    expect(keyState({ revokedAt: null, expiresAt: inSeconds(-1) }, now)).toBe('expired');
    expect(keyState({ revokedAt: null, expiresAt: inSeconds(60) }, now)).toBe('active');
    expect(keyState({ revokedAt: null, expiresAt: null }, now)).toBe('active');
  });

  it('lets a key expiring on a day work until that day ends where the admin is', () => {
    const stops = new Date(endOfDay('2026-06-30')!);
    expect([stops.getFullYear(), stops.getMonth() + 1, stops.getDate(), stops.getHours(), stops.getMinutes()]).toEqual([2026, 7, 1, 0, 0]);
    expect(new Date(endOfDay('2026-12-31')!).getFullYear()).toBe(2027);
    expect(endOfDay('')).toBeNull();
    expect(endOfDay('30/06/2026')).toBeNull();
  });

  it('gives today as a date input value', () => {
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});

describe('webhook delivery state', () => {
  it('says a delivery that was tried and is waiting to retry has failed so far, and when it retries', () => {
    expect(deliveryState({ status: 'PENDING', attempts: 1, nextAttemptAt: inSeconds(3600) }, now)).toEqual({
      label: 'Failed, retry in 1h 00m',
      tone: 'late',
    });
    expect(deliveryState({ status: 'PENDING', attempts: 2, nextAttemptAt: inSeconds(-5) }, now)).toEqual({
      label: 'Failed, retrying now',
      tone: 'late',
    });
  });

  it('tells queued, delivered and abandoned deliveries apart', () => {
    expect(deliveryState({ status: 'PENDING', attempts: 0, nextAttemptAt: inSeconds(0) }, now).label).toBe('Queued');
    expect(deliveryState({ status: 'SUCCEEDED', attempts: 2, nextAttemptAt: null }, now)).toEqual({ label: 'Delivered', tone: 'ok' });
    expect(deliveryState({ status: 'FAILED', attempts: 12, nextAttemptAt: null }, now)).toEqual({ label: 'Failed, gave up', tone: 'late' });
  });

  it('watches only deliveries whose next attempt is moments away', () => {
    expect(attemptDueSoon({ status: 'PENDING', attempts: 1, nextAttemptAt: inSeconds(0) }, now)).toBe(true);
    expect(attemptDueSoon({ status: 'PENDING', attempts: 0, nextAttemptAt: inSeconds(20) }, now)).toBe(true);
    expect(attemptDueSoon({ status: 'PENDING', attempts: 1, nextAttemptAt: inSeconds(3600) }, now)).toBe(false);
    expect(attemptDueSoon({ status: 'SUCCEEDED', attempts: 1, nextAttemptAt: null }, now)).toBe(false);
  });
});
