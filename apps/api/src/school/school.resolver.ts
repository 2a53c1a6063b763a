import type { School as SchoolRow } from '@studentdesk/db';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { AuthPayload } from '../account/account.type.js';
import type { Context } from '../context.js';
import { completeSetup, getSchool, updateSchool } from './school.service.js';
import { CompleteSetupInput, School, SchoolSettingsInput } from './school.type.js';

@Resolver(() => School)
export class SchoolResolver {
  @Query(() => School, {
    nullable: true,
    description: 'The school’s name, time zone, logo and colours; null until first-run setup. Public.',
  })
  school(@Ctx() ctx: Context): Promise<SchoolRow | null> {
    return getSchool(ctx);
  }

  @Mutation(() => AuthPayload, {
    description:
      'First-run setup with the link printed at start while there is no admin: names the school and creates the first admin, then signs them in. The link works once.',
  })
  completeSetup(
    @Arg('input', () => CompleteSetupInput, { description: 'The link’s token, the school and the first admin.' }) input: CompleteSetupInput,
    @Ctx() ctx: Context,
  ) {
    return completeSetup(ctx, input);
  }

  @Mutation(() => School, { description: 'Change the school’s name, time zone, logo and colours. Admins.' })
  updateSchool(
    @Arg('input', () => SchoolSettingsInput, { description: 'Every setting; a colour left out returns to StudentDesk’s own.' })
    input: SchoolSettingsInput,
    @Ctx() ctx: Context,
  ): Promise<SchoolRow> {
    return updateSchool(ctx, input);
  }
}
