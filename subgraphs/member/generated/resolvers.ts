import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { MemberRecord, CardRecord, MembershipRecord, MemberDataExportRecord, ErasedMemberRecord } from '../membership/index.js';
import type { MemberContext } from '../context.js';
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
  /** A calendar date, e.g. 1990-05-17 */
  Date: { input: string; output: string; }
  /** An ISO-8601 instant, e.g. 2026-10-31T16:00:00.000Z */
  DateTime: { input: string; output: Date | string; }
  _FieldSet: { input: any; output: any; }
};

/** The one coalition card of a member: 16 digits, Luhn-valid. */
export type Card = {
  __typename?: 'Card';
  number: Scalars['String']['output'];
  status: CardStatus;
};

export type CardHistoryEntry = {
  __typename?: 'CardHistoryEntry';
  issuedAt: Scalars['DateTime']['output'];
  number: Scalars['String']['output'];
  status: CardStatus;
};

export type CardStatus =
  | 'ACTIVE'
  | 'CLOSED'
  | 'FROZEN'
  | 'LOST';

/** A member's consents (docs/marketing.md "Consents"): the member itself, HQ, and merchants it joined. */
export type Consents = {
  __typename?: 'Consents';
  /** Whether campaigns may reach the member: given at registration or in the app, withdrawn any time. */
  marketing: Scalars['Boolean']['output'];
  /** When the member last gave or withdrew it; null if it never did. */
  updatedAt: Maybe<Scalars['DateTime']['output']>;
};

export type ErasedMember = {
  __typename?: 'ErasedMember';
  erasedAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
};

export type Member = {
  __typename?: 'Member';
  birthday: Maybe<Scalars['Date']['output']>;
  card: Card;
  consents: Consents;
  /** Full name: the member itself, HQ, and merchants it joined. "(erased)" once HQ erased it. */
  displayName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  joinedMerchants: Array<Merchant>;
  /** Name with all but the first character hidden, for terminals (张**). */
  maskedName: Scalars['String']['output'];
  /** Null once erased. */
  phone: Maybe<Scalars['String']['output']>;
  /** The member's referral code and what it brought (邀请有礼): the member itself and HQ. */
  referral: MemberReferral;
  registeredAt: Scalars['DateTime']['output'];
  registeredStore: Store;
};

/** What the hub holds about a member, for the member itself. */
export type MemberDataExport = {
  __typename?: 'MemberDataExport';
  /** Every card it had, the one in use and those lost or closed. */
  cards: Array<CardHistoryEntry>;
  exportedAt: Scalars['DateTime']['output'];
  member: Member;
  memberships: Array<Membership>;
};

/** A member's referrals (docs/tasks.md "Referrals"): its code here; who it invited and what they brought, the wallet's. */
export type MemberReferral = {
  __typename?: 'MemberReferral';
  /** 8 characters of 23456789ABCDEFGHJKLMNPQRSTUVWXYZ, stable: a new member registering with it is linked to this one. */
  code: Scalars['String']['output'];
  memberId: Scalars['ID']['output'];
};

export type MemberSession = {
  __typename?: 'MemberSession';
  expiresAt: Scalars['DateTime']['output'];
  token: Scalars['String']['output'];
};

export type Membership = {
  __typename?: 'Membership';
  joinedAt: Scalars['DateTime']['output'];
  merchant: Merchant;
};

export type Merchant = {
  __typename?: 'Merchant';
  id: Scalars['ID']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** A merchant back office opens a MEMBER session for a member who joined it (how a brand app acts for its user). */
  createMemberSession: MemberSession;
  /** HQ only, on the member's request: its name, phone and birthday are erased, its cards closed and its wallet frozen; its ledger entries stay, under its id only. */
  eraseMember: ErasedMember;
  /** A member joins another merchant of the coalition, which may then see its identity. */
  joinMerchant: Member;
  /** A store terminal registers a member at its store (the member joins that merchant); HQ and back offices may too. */
  registerMember: RegisterMemberPayload;
  /** The card is lost: it is blocked and a new number issued; the member keeps everything. MEMBER for itself (no memberId), HQ, or a back office of a merchant it joined. */
  reportCardLost: Card;
  /** MEMBER only: gives or withdraws its marketing consent; no campaign reaches a member without it. */
  setMarketingConsent: SetMarketingConsentPayload;
};


export type MutationCreateMemberSessionArgs = {
  memberId: Scalars['ID']['input'];
};


export type MutationEraseMemberArgs = {
  memberId: Scalars['ID']['input'];
};


export type MutationJoinMerchantArgs = {
  merchantId: Scalars['ID']['input'];
};


export type MutationRegisterMemberArgs = {
  input: RegisterMemberInput;
};


export type MutationReportCardLostArgs = {
  memberId?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationSetMarketingConsentArgs = {
  marketing: Scalars['Boolean']['input'];
};

export type Query = {
  __typename?: 'Query';
  /** The member of a MEMBER session. */
  me: Member;
  /** HQ: any member; MERCHANT: members who joined it. */
  member: Maybe<Member>;
  /**
   * Finds a member by its phone or by a card number (one of the two, exact; a lost card's number finds its member too).
   * HQ: any member; MERCHANT: only members who joined it (another's is not found, as if there were none).
   */
  memberSearch: Array<Member>;
  /** MEMBER: a copy of everything the hub holds about it (个人信息保护法). Its wallet and transactions are on `member`. */
  myData: MemberDataExport;
};


export type QueryMemberArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMemberSearchArgs = {
  cardNumber?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
};

export type RegisterMemberInput = {
  birthday?: InputMaybe<Scalars['Date']['input']>;
  /** The member's marketing consent, asked at the till; not given if absent. */
  marketingConsent?: InputMaybe<Scalars['Boolean']['input']>;
  name: Scalars['String']['input'];
  /** Mainland mobile number; spaces, dashes and a +86 prefix are accepted. */
  phone: Scalars['String']['input'];
  /** The code of the member who invited this one, in any case; an unknown code registers nobody (BAD_USER_INPUT on referralCode). */
  referralCode?: InputMaybe<Scalars['String']['input']>;
  storeId: Scalars['ID']['input'];
};

export type RegisterMemberPayload = {
  __typename?: 'RegisterMemberPayload';
  member: Member;
};

export type SetMarketingConsentPayload = {
  __typename?: 'SetMarketingConsentPayload';
  consents: Consents;
};

export type Store = {
  __typename?: 'Store';
  id: Scalars['ID']['output'];
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
  Card: ResolverTypeWrapper<CardRecord>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  CardHistoryEntry: ResolverTypeWrapper<CardRecord>;
  CardStatus: CardStatus;
  Consents: ResolverTypeWrapper<Consents>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  ErasedMember: ResolverTypeWrapper<ErasedMemberRecord>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Member: ResolverTypeWrapper<MemberRecord>;
  MemberDataExport: ResolverTypeWrapper<MemberDataExportRecord>;
  MemberReferral: ResolverTypeWrapper<MemberReferral>;
  MemberSession: ResolverTypeWrapper<MemberSession>;
  Membership: ResolverTypeWrapper<MembershipRecord>;
  Merchant: ResolverTypeWrapper<Merchant>;
  Mutation: ResolverTypeWrapper<{}>;
  Query: ResolverTypeWrapper<{}>;
  RegisterMemberInput: RegisterMemberInput;
  RegisterMemberPayload: ResolverTypeWrapper<Omit<RegisterMemberPayload, 'member'> & { member: ResolversTypes['Member'] }>;
  SetMarketingConsentPayload: ResolverTypeWrapper<SetMarketingConsentPayload>;
  Store: ResolverTypeWrapper<Store>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Card: CardRecord;
  String: Scalars['String']['output'];
  CardHistoryEntry: CardRecord;
  Consents: Consents;
  Boolean: Scalars['Boolean']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  ErasedMember: ErasedMemberRecord;
  ID: Scalars['ID']['output'];
  Member: MemberRecord;
  MemberDataExport: MemberDataExportRecord;
  MemberReferral: MemberReferral;
  MemberSession: MemberSession;
  Membership: MembershipRecord;
  Merchant: Merchant;
  Mutation: {};
  Query: {};
  RegisterMemberInput: RegisterMemberInput;
  RegisterMemberPayload: Omit<RegisterMemberPayload, 'member'> & { member: ResolversParentTypes['Member'] };
  SetMarketingConsentPayload: SetMarketingConsentPayload;
  Store: Store;
}>;

export type CardResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['Card'] = ResolversParentTypes['Card']> = ResolversObject<{
  number?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CardStatus'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CardHistoryEntryResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['CardHistoryEntry'] = ResolversParentTypes['CardHistoryEntry']> = ResolversObject<{
  issuedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  number?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CardStatus'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ConsentsResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['Consents'] = ResolversParentTypes['Consents']> = ResolversObject<{
  marketing?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type ErasedMemberResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['ErasedMember'] = ResolversParentTypes['ErasedMember']> = ResolversObject<{
  erasedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MemberResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['Member'] = ResolversParentTypes['Member']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Member']>, { __typename: 'Member' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  birthday?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  card?: Resolver<ResolversTypes['Card'], ParentType, ContextType>;
  consents?: Resolver<ResolversTypes['Consents'], ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  joinedMerchants?: Resolver<Array<ResolversTypes['Merchant']>, ParentType, ContextType>;
  maskedName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  referral?: Resolver<ResolversTypes['MemberReferral'], ParentType, ContextType>;
  registeredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  registeredStore?: Resolver<ResolversTypes['Store'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MemberDataExportResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['MemberDataExport'] = ResolversParentTypes['MemberDataExport']> = ResolversObject<{
  cards?: Resolver<Array<ResolversTypes['CardHistoryEntry']>, ParentType, ContextType>;
  exportedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  member?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
  memberships?: Resolver<Array<ResolversTypes['Membership']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MemberReferralResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['MemberReferral'] = ResolversParentTypes['MemberReferral']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['MemberReferral']>, { __typename: 'MemberReferral' } & GraphQLRecursivePick<ParentType, {"memberId":true}>, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MemberSessionResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['MemberSession'] = ResolversParentTypes['MemberSession']> = ResolversObject<{
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MembershipResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['Membership'] = ResolversParentTypes['Membership']> = ResolversObject<{
  joinedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  merchant?: Resolver<ResolversTypes['Merchant'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MerchantResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['Merchant'] = ResolversParentTypes['Merchant']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Merchant']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  createMemberSession?: Resolver<ResolversTypes['MemberSession'], ParentType, ContextType, RequireFields<MutationCreateMemberSessionArgs, 'memberId'>>;
  eraseMember?: Resolver<ResolversTypes['ErasedMember'], ParentType, ContextType, RequireFields<MutationEraseMemberArgs, 'memberId'>>;
  joinMerchant?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationJoinMerchantArgs, 'merchantId'>>;
  registerMember?: Resolver<ResolversTypes['RegisterMemberPayload'], ParentType, ContextType, RequireFields<MutationRegisterMemberArgs, 'input'>>;
  reportCardLost?: Resolver<ResolversTypes['Card'], ParentType, ContextType, Partial<MutationReportCardLostArgs>>;
  setMarketingConsent?: Resolver<ResolversTypes['SetMarketingConsentPayload'], ParentType, ContextType, RequireFields<MutationSetMarketingConsentArgs, 'marketing'>>;
}>;

export type QueryResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  me?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
  member?: Resolver<Maybe<ResolversTypes['Member']>, ParentType, ContextType, RequireFields<QueryMemberArgs, 'id'>>;
  memberSearch?: Resolver<Array<ResolversTypes['Member']>, ParentType, ContextType, Partial<QueryMemberSearchArgs>>;
  myData?: Resolver<ResolversTypes['MemberDataExport'], ParentType, ContextType>;
}>;

export type RegisterMemberPayloadResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['RegisterMemberPayload'] = ResolversParentTypes['RegisterMemberPayload']> = ResolversObject<{
  member?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SetMarketingConsentPayloadResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['SetMarketingConsentPayload'] = ResolversParentTypes['SetMarketingConsentPayload']> = ResolversObject<{
  consents?: Resolver<ResolversTypes['Consents'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type StoreResolvers<ContextType = MemberContext, ParentType extends ResolversParentTypes['Store'] = ResolversParentTypes['Store']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Store']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type Resolvers<ContextType = MemberContext> = ResolversObject<{
  Card?: CardResolvers<ContextType>;
  CardHistoryEntry?: CardHistoryEntryResolvers<ContextType>;
  Consents?: ConsentsResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  ErasedMember?: ErasedMemberResolvers<ContextType>;
  Member?: MemberResolvers<ContextType>;
  MemberDataExport?: MemberDataExportResolvers<ContextType>;
  MemberReferral?: MemberReferralResolvers<ContextType>;
  MemberSession?: MemberSessionResolvers<ContextType>;
  Membership?: MembershipResolvers<ContextType>;
  Merchant?: MerchantResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RegisterMemberPayload?: RegisterMemberPayloadResolvers<ContextType>;
  SetMarketingConsentPayload?: SetMarketingConsentPayloadResolvers<ContextType>;
  Store?: StoreResolvers<ContextType>;
}>;

