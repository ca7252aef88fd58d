import { ISSUERS, KeyRing } from '../../lib/keys.js';
import type { SubgraphDefinition } from '../../lib/subgraph.js';
import { MEMBER_MIGRATIONS } from '../../migrations/member/names.js';
import { memberLoaders, type MemberContext } from './context.js';
import { applyMerchantEvent } from './directory/index.js';
import { CardEntity, MemberEntity, MembershipEntity } from './membership/index.js';
import { Member, MemberReferral } from './resolvers/Member.js';
import { Membership } from './resolvers/Membership.js';
import { Mutation } from './resolvers/Mutation.js';
import { Query } from './resolvers/Query.js';

export const memberEntities = [MemberEntity, CardEntity, MembershipEntity];

export function memberSubgraph(env: NodeJS.ProcessEnv = process.env): SubgraphDefinition<MemberContext> {
  const keys = KeyRing.fromEnv(ISSUERS.member, env);
  return {
    name: 'member',
    entities: memberEntities,
    migrations: { names: MEMBER_MIGRATIONS, load: async () => (await import('../../migrations/member/index.js')).memberMigrations },
    resolvers: { Query, Mutation, Member, MemberReferral, Membership } as SubgraphDefinition<MemberContext>['resolvers'],
    keys,
    extendContext: (base) => ({ ...base, keys, registeredInThisRequest: new Set<string>(), ...memberLoaders(base.em) }),
    onEvent: applyMerchantEvent,
  };
}
