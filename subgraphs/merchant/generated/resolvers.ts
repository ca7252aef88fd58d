import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { MerchantRecord, StoreRecord } from '../participant/index.js';
import type { AuditEntryRecord, AuditLogPage } from '../audit/index.js';
import type { ApiClientRecord } from '../access/index.js';
import type { MerchantContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 instant, e.g. 2026-10-31T16:00:00.000Z */
  DateTime: { input: string; output: Date | string; }
  _FieldSet: { input: any; output: any; }
};

/** An API client, without its secret (only its hash is kept). */
export type ApiClient = {
  __typename?: 'ApiClient';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  kind: ApiClientKind;
  label: Scalars['String']['output'];
  merchant: Maybe<Merchant>;
  revokedAt: Maybe<Scalars['DateTime']['output']>;
  store: Maybe<Store>;
};

export type ApiClientKind =
  | 'HQ'
  | 'MERCHANT'
  | 'TERMINAL';

/** The changes the audit log records, by the mutation that makes them. */
export type AuditAction =
  | 'createApiClient'
  | 'createBenefit'
  | 'createCampaign'
  | 'createCouponTemplate'
  | 'createMemberSession'
  | 'createMerchant'
  | 'createStore'
  | 'createTagRule'
  | 'createTask'
  | 'eraseMember'
  | 'finalizeSettlement'
  | 'freezeWallet'
  | 'issueCoupons'
  | 'reportCardLost'
  | 'revokeApiClient'
  | 'runSettlement'
  | 'setMarketingConsent'
  | 'setMembershipPlan'
  | 'setProgramme'
  | 'setSettlementTerms'
  | 'setWebhook'
  | 'tagMembers'
  | 'unfreezeWallet'
  | 'updateBenefit'
  | 'updateTask';

/** Who made a change. */
export type AuditActor = {
  __typename?: 'AuditActor';
  /** The API client's id, or the member's own id. */
  id: Scalars['ID']['output'];
  /** The merchant of a back office. */
  merchant: Maybe<Merchant>;
  role: Role;
};

/** One change, as the audit log keeps it: never edited, never deleted. */
export type AuditEntry = {
  __typename?: 'AuditEntry';
  action: AuditAction;
  actor: AuditActor;
  /** When the change was made. */
  at: Scalars['DateTime']['output'];
  /** The change's values as a JSON object: ids and values, never personal data. */
  details: Scalars['String']['output'];
  /** Also the cursor: entries are numbered in the order the log received them. */
  id: Scalars['ID']['output'];
  /** When the actor is a member acting through a session a back office or HQ opened for it: who opened it. */
  openedBy: Maybe<AuditActor>;
  /** The x-request-id of the request that made it, to find it in the processes' logs. */
  requestId: Scalars['String']['output'];
  subjectId: Scalars['ID']['output'];
  /** What it changed: Merchant, Store, ApiClient, SettlementRun, Wallet, Member, Programme or MembershipPlan. */
  subjectType: Scalars['String']['output'];
};

export type AuditLog = {
  __typename?: 'AuditLog';
  /** Pass as `after` for the next page. */
  endCursor: Maybe<Scalars['String']['output']>;
  entries: Array<AuditEntry>;
  hasMore: Scalars['Boolean']['output'];
};

export type AuthPayload = {
  __typename?: 'AuthPayload';
  expiresAt: Scalars['DateTime']['output'];
  role: Role;
  token: Scalars['String']['output'];
};

export type CreateApiClientInput = {
  kind: ApiClientKind;
  label: Scalars['String']['input'];
  /** Required for MERCHANT and TERMINAL clients. */
  merchantId?: InputMaybe<Scalars['ID']['input']>;
  /** Required for TERMINAL clients: the store the terminal stands in. */
  storeId?: InputMaybe<Scalars['ID']['input']>;
};

export type CreateApiClientPayload = {
  __typename?: 'CreateApiClientPayload';
  clientId: Scalars['ID']['output'];
  /** Shown once; only its hash is stored. */
  clientSecret: Scalars['String']['output'];
  kind: ApiClientKind;
  label: Scalars['String']['output'];
};

export type CreateMerchantInput = {
  kind: MerchantKind;
  name: Scalars['String']['input'];
};

export type CreateMerchantPayload = {
  __typename?: 'CreateMerchantPayload';
  merchant: Merchant;
};

export type CreateStoreInput = {
  city: Scalars['String']['input'];
  merchantId: Scalars['ID']['input'];
  name: Scalars['String']['input'];
};

export type CreateStorePayload = {
  __typename?: 'CreateStorePayload';
  store: Store;
};

/** A legal entity that settles with HQ. */
export type Merchant = {
  __typename?: 'Merchant';
  id: Scalars['ID']['output'];
  kind: MerchantKind;
  name: Scalars['String']['output'];
  stores: Array<Store>;
};

export type MerchantKind =
  /** An allied business. */
  | 'ALLY'
  /** A chain with many stores. */
  | 'BRAND';

export type Mutation = {
  __typename?: 'Mutation';
  /** Exchanges API client credentials for a short-lived bearer token. The only operation needing no token. */
  authenticate: AuthPayload;
  /** HQ, or a merchant's back office for its own clients. The secret is shown once, here. */
  createApiClient: CreateApiClientPayload;
  /** HQ only. */
  createMerchant: CreateMerchantPayload;
  /** HQ, or a merchant's back office for its own stores. */
  createStore: CreateStorePayload;
  /** HQ: any client; MERCHANT: its own merchant's. Every token it holds stops working at once, and it cannot sign in again. */
  revokeApiClient: ApiClient;
};


export type MutationAuthenticateArgs = {
  clientId: Scalars['ID']['input'];
  clientSecret: Scalars['String']['input'];
};


export type MutationCreateApiClientArgs = {
  input: CreateApiClientInput;
};


export type MutationCreateMerchantArgs = {
  input: CreateMerchantInput;
};


export type MutationCreateStoreArgs = {
  input: CreateStoreInput;
};


export type MutationRevokeApiClientArgs = {
  clientId: Scalars['ID']['input'];
};

export type Query = {
  __typename?: 'Query';
  /** HQ: a merchant's API clients (merchantId), or HQ's own without it; MERCHANT: its own merchant's. Revoked ones too, newest first. */
  apiClients: Array<ApiClient>;
  /** HQ only: the audit log, newest first. Filter by the action or by what it changed (a merchant's, store's, run's or member's id). */
  auditLog: AuditLog;
  merchant: Maybe<Merchant>;
  /** HQ: every merchant; MERCHANT and TERMINAL: their own. */
  merchants: Array<Merchant>;
  store: Maybe<Store>;
};


export type QueryApiClientsArgs = {
  merchantId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryAuditLogArgs = {
  action?: InputMaybe<AuditAction>;
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  subjectId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryMerchantArgs = {
  id: Scalars['ID']['input'];
};


export type QueryStoreArgs = {
  id: Scalars['ID']['input'];
};

export type Role =
  | 'HQ'
  | 'MEMBER'
  | 'MERCHANT'
  | 'TERMINAL';

/** A location of a merchant. Every value movement happens at a store. */
export type Store = {
  __typename?: 'Store';
  city: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  merchant: Merchant;
  name: Scalars['String']['output'];
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = {}, TContext = {}, TArgs = {}> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = {}, TContext = {}, TArgs = {}> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = {}, TContext = {}> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = {}, TContext = {}> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = {}, TParent = {}, TContext = {}, TArgs = {}> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  ApiClient: ResolverTypeWrapper<ApiClientRecord>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ApiClientKind: ApiClientKind;
  AuditAction: AuditAction;
  AuditActor: ResolverTypeWrapper<Omit<AuditActor, 'merchant'> & { merchant?: Maybe<ResolversTypes['Merchant']> }>;
  AuditEntry: ResolverTypeWrapper<AuditEntryRecord>;
  AuditLog: ResolverTypeWrapper<AuditLogPage>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  AuthPayload: ResolverTypeWrapper<AuthPayload>;
  CreateApiClientInput: CreateApiClientInput;
  CreateApiClientPayload: ResolverTypeWrapper<CreateApiClientPayload>;
  CreateMerchantInput: CreateMerchantInput;
  CreateMerchantPayload: ResolverTypeWrapper<Omit<CreateMerchantPayload, 'merchant'> & { merchant: ResolversTypes['Merchant'] }>;
  CreateStoreInput: CreateStoreInput;
  CreateStorePayload: ResolverTypeWrapper<Omit<CreateStorePayload, 'store'> & { store: ResolversTypes['Store'] }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Merchant: ResolverTypeWrapper<MerchantRecord>;
  MerchantKind: MerchantKind;
  Mutation: ResolverTypeWrapper<{}>;
  Query: ResolverTypeWrapper<{}>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Role: Role;
  Store: ResolverTypeWrapper<StoreRecord>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  ApiClient: ApiClientRecord;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  AuditActor: Omit<AuditActor, 'merchant'> & { merchant?: Maybe<ResolversParentTypes['Merchant']> };
  AuditEntry: AuditEntryRecord;
  AuditLog: AuditLogPage;
  Boolean: Scalars['Boolean']['output'];
  AuthPayload: AuthPayload;
  CreateApiClientInput: CreateApiClientInput;
  CreateApiClientPayload: CreateApiClientPayload;
  CreateMerchantInput: CreateMerchantInput;
  CreateMerchantPayload: Omit<CreateMerchantPayload, 'merchant'> & { merchant: ResolversParentTypes['Merchant'] };
  CreateStoreInput: CreateStoreInput;
  CreateStorePayload: Omit<CreateStorePayload, 'store'> & { store: ResolversParentTypes['Store'] };
  DateTime: Scalars['DateTime']['output'];
  Merchant: MerchantRecord;
  Mutation: {};
  Query: {};
  Int: Scalars['Int']['output'];
  Store: StoreRecord;
}>;

export type ApiClientResolvers<ContextType = MerchantContext, ParentType extends ResolversParentTypes['ApiClient'] = ResolversParentTypes['ApiClient']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ApiClientKind'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  merchant?: Resolver<Maybe<ResolversTypes['Merchant']>, ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  store?: Resolver<Maybe<ResolversTypes['Store']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type AuditActorResolvers<ContextType = MerchantContext, ParentType extends ResolversParentTypes['AuditActor'] = ResolversParentTypes['AuditActor']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  merchant?: Resolver<Maybe<ResolversTypes['Merchant']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type AuditEntryResolvers<ContextType = MerchantContext, ParentType extends ResolversParentTypes['AuditEntry'] = ResolversParentTypes['AuditEntry']> = ResolversObject<{
  action?: Resolver<ResolversTypes['AuditAction'], ParentType, ContextType>;
  actor?: Resolver<ResolversTypes['AuditActor'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  details?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  openedBy?: Resolver<Maybe<ResolversTypes['AuditActor']>, ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subjectId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  subjectType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type AuditLogResolvers<ContextType = MerchantContext, ParentType extends ResolversParentTypes['AuditLog'] = ResolversParentTypes['AuditLog']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  entries?: Resolver<Array<ResolversTypes['AuditEntry']>, ParentType, ContextType>;
  hasMore?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type AuthPayloadResolvers<ContextType = MerchantContext, ParentType extends ResolversParentTypes['AuthPayload'] = ResolversParentTypes['AuthPayload']> = ResolversObject<{
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CreateApiClientPayloadResolvers<ContextType = MerchantContext, ParentType extends ResolversParentTypes['CreateApiClientPayload'] = ResolversParentTypes['CreateApiClientPayload']> = ResolversObject<{
  clientId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  clientSecret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ApiClientKind'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CreateMerchantPayloadResolvers<ContextType = MerchantContext, ParentType extends ResolversParentTypes['CreateMerchantPayload'] = ResolversParentTypes['CreateMerchantPayload']> = ResolversObject<{
  merchant?: Resolver<ResolversTypes['Merchant'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CreateStorePayloadResolvers<ContextType = MerchantContext, ParentType extends ResolversParentTypes['CreateStorePayload'] = ResolversParentTypes['CreateStorePayload']> = ResolversObject<{
  store?: Resolver<ResolversTypes['Store'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MerchantResolvers<ContextType = MerchantContext, ParentType extends ResolversParentTypes['Merchant'] = ResolversParentTypes['Merchant']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Merchant']>, { __typename: 'Merchant' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['MerchantKind'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stores?: Resolver<Array<ResolversTypes['Store']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = MerchantContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  authenticate?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationAuthenticateArgs, 'clientId' | 'clientSecret'>>;
  createApiClient?: Resolver<ResolversTypes['CreateApiClientPayload'], ParentType, ContextType, RequireFields<MutationCreateApiClientArgs, 'input'>>;
  createMerchant?: Resolver<ResolversTypes['CreateMerchantPayload'], ParentType, ContextType, RequireFields<MutationCreateMerchantArgs, 'input'>>;
  createStore?: Resolver<ResolversTypes['CreateStorePayload'], ParentType, ContextType, RequireFields<MutationCreateStoreArgs, 'input'>>;
  revokeApiClient?: Resolver<ResolversTypes['ApiClient'], ParentType, ContextType, RequireFields<MutationRevokeApiClientArgs, 'clientId'>>;
}>;

export type QueryResolvers<ContextType = MerchantContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  apiClients?: Resolver<Array<ResolversTypes['ApiClient']>, ParentType, ContextType, Partial<QueryApiClientsArgs>>;
  auditLog?: Resolver<ResolversTypes['AuditLog'], ParentType, ContextType, RequireFields<QueryAuditLogArgs, 'first'>>;
  merchant?: Resolver<Maybe<ResolversTypes['Merchant']>, ParentType, ContextType, RequireFields<QueryMerchantArgs, 'id'>>;
  merchants?: Resolver<Array<ResolversTypes['Merchant']>, ParentType, ContextType>;
  store?: Resolver<Maybe<ResolversTypes['Store']>, ParentType, ContextType, RequireFields<QueryStoreArgs, 'id'>>;
}>;

export type StoreResolvers<ContextType = MerchantContext, ParentType extends ResolversParentTypes['Store'] = ResolversParentTypes['Store']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Store']>, { __typename: 'Store' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  city?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  merchant?: Resolver<ResolversTypes['Merchant'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type Resolvers<ContextType = MerchantContext> = ResolversObject<{
  ApiClient?: ApiClientResolvers<ContextType>;
  AuditActor?: AuditActorResolvers<ContextType>;
  AuditEntry?: AuditEntryResolvers<ContextType>;
  AuditLog?: AuditLogResolvers<ContextType>;
  AuthPayload?: AuthPayloadResolvers<ContextType>;
  CreateApiClientPayload?: CreateApiClientPayloadResolvers<ContextType>;
  CreateMerchantPayload?: CreateMerchantPayloadResolvers<ContextType>;
  CreateStorePayload?: CreateStorePayloadResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Merchant?: MerchantResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Store?: StoreResolvers<ContextType>;
}>;

