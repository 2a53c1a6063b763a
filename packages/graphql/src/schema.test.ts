// The published schema keeps the contract (../contract/core.graphql, a copy of the design card's
// ../shared/contract) and describes everything it offers.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  findBreakingChanges,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isIntrospectionType,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';
import { TICKET_STATUSES } from '@studentdesk/domain';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const contract = buildSchema(read('contract/core.graphql'));
const published = buildSchema(read('schema.graphql'));

/** Everything that should carry a description, by coordinate: Type, Type.field, Type.field(arg), Enum.VALUE. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (!type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
  }
  return missing;
}

describe('the published schema', () => {
  it('makes no breaking change to the contract', () => {
    expect(findBreakingChanges(contract, published)).toEqual([]);
  });

  it('would notice a breaking change (a field of the contract removed)', () => {
    const withoutField = read('schema.graphql').replace(/^\s+"""[^"]*"""\n\s+slaBreached: Boolean!$/m, '');
    const broken = buildSchema(withoutField);
    expect(findBreakingChanges(contract, broken).map((change) => change.description)).toEqual(['Ticket.slaBreached was removed.']);
  });

  it('describes every type, field, argument and enum value', () => {
    expect(undescribed(published)).toEqual([]);
  });

  it('uses the design card’s contract, unchanged', () => {
    // The copy as committed: any edit to it changes this digest. Where the design card itself is
    // reachable (the workspace, not a clone), the copy must also equal it.
    expect(createHash('sha256').update(read('contract/core.graphql')).digest('hex')).toBe(CONTRACT_SHA256);
    const original = DESIGN_CARD_CONTRACTS.find((path) => existsSync(path));
    if (original) expect(read('contract/core.graphql')).toBe(readFileSync(original, 'utf8'));
  });

  it('has exactly the ticket statuses of the shared status machine', () => {
    const status = published.getType('TicketStatus');
    expect(isEnumType(status) && status.getValues().map((value) => value.name)).toEqual([...TICKET_STATUSES].sort());
  });
});

/** sha256 of contract/core.graphql as the design card fixed it. */
const CONTRACT_SHA256 = 'b40c30f78dbf988a93f9daad791fb771e2479890676955c06e803d1de33a05c3';

/** Where the design card's contract lies next to a checkout: beside the repository, or beside its worktree folder. */
const DESIGN_CARD_CONTRACTS = ['../../../shared/contract/core.graphql', '../../../../shared/contract/core.graphql'].map((path) =>
  join(root, path),
);
