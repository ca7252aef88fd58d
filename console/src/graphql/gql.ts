/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation ConsoleAuthenticate($clientId: ID!, $clientSecret: String!) {\n    authenticate(clientId: $clientId, clientSecret: $clientSecret) { token expiresAt role }\n  }\n": typeof types.ConsoleAuthenticateDocument,
    "\n  query ConsoleMerchants {\n    merchants { id name kind }\n  }\n": typeof types.ConsoleMerchantsDocument,
    "\n  query ConsoleBenefits($month: String!) {\n    benefitUsage(month: $month) {\n      benefit { id name kind owner { id name } }\n      entitled\n      users\n      uses\n      usageRateBps\n      cost { amount }\n      budget { amount }\n      budgetUsed { amount }\n    }\n    tierBenefitCost(month: $month) { tier { code name } benefitCost { amount } paid { amount } costRateBps databaseAsOf }\n    tasks { id name kind goal window active owner { id name } completions members pointsGranted growthGranted }\n    benefits { id name kind active owner { id name } tiers { code } plans { code } }\n    programme { tiers { code name } plans { code name } }\n    couponTemplates { id name owner { id } }\n    merchants { id name }\n  }\n": typeof types.ConsoleBenefitsDocument,
    "\n  query ConsoleMarketing {\n    couponTemplates { id name kind owner { id name } issued budget redeemed pointsPrice }\n    campaigns { id name status trigger reached heldOut couponsRedeemed pointsGranted runAt }\n    tags { name kind members }\n    merchants { id name }\n    rfm { asOf windowDays averages { recencyDays frequency monetary { amount } } segments { segment name members share } }\n  }\n": typeof types.ConsoleMarketingDocument,
    "\n  mutation ConsoleIssueCoupons($input: IssueCouponsInput!) { issueCoupons(input: $input) { issued skipped template { id issued budget } } }\n": typeof types.ConsoleIssueCouponsDocument,
    "\n  query ConsoleCampaignResults($id: ID!) {\n    campaign(id: $id) {\n      id name reached heldOut\n      results { days upliftBps reached { members buyers purchases paid { amount } } control { members buyers purchases paid { amount } } }\n    }\n  }\n": typeof types.ConsoleCampaignResultsDocument,
    "\n  query ConsoleMember($id: ID!) {\n    member(id: $id) {\n      id displayName phone birthday registeredAt\n      card { number status }\n      registeredStore { name }\n      joinedMerchants { id name }\n      tier { code name }\n      tags\n      tierProgress { growth nextTier { name } growthToNextTier cycleEndsAt keepsTier }\n      points { balance value { amount } nextExpiry { points expiresAt } }\n      coupons { id status validUntil template { name } }\n      wallet { status balance { amount } balanceByIssuer { issuer { id name } balance { amount } } }\n      membershipPlan { plan { name } validUntil }\n      benefits { benefit { id name kind } source usesLeftThisMonth nextGrantAt }\n      nextTierBenefits { id name kind }\n      tasks {\n        task { id name kind goal goalAmount { amount } }\n        progress\n        progressAmount { amount }\n        completionsInWindow\n        completedAt\n        windowEndsAt\n      }\n      badges { badge { code name } awardedAt }\n      transactions(first: 20) { edges { node { ...ConsoleTransaction } } pageInfo { hasNextPage endCursor } }\n    }\n  }\n  fragment ConsoleTransaction on Transaction { id kind occurredAt amount { amount } pointsChange store { name } }\n": typeof types.ConsoleMemberDocument,
    "\n  query ConsoleMemberTransactions($id: ID!, $after: String) {\n    member(id: $id) { id transactions(first: 50, after: $after) { edges { node { ...ConsoleTransaction } } pageInfo { hasNextPage endCursor } } }\n  }\n": typeof types.ConsoleMemberTransactionsDocument,
    "mutation ConsoleTagMember($input: TagMembersInput!) { tagMembers(input: $input) { tag { name members } } }": typeof types.ConsoleTagMemberDocument,
    "mutation ConsoleFreezeWallet($memberId: ID!) { freezeWallet(memberId: $memberId) { status } }": typeof types.ConsoleFreezeWalletDocument,
    "mutation ConsoleUnfreezeWallet($memberId: ID!) { unfreezeWallet(memberId: $memberId) { status } }": typeof types.ConsoleUnfreezeWalletDocument,
    "\n  query ConsoleMemberSearch($phone: String, $cardNumber: String) {\n    memberSearch(phone: $phone, cardNumber: $cardNumber) { id displayName phone card { number status } tier { name } registeredAt }\n  }\n": typeof types.ConsoleMemberSearchDocument,
    "\n  query ConsoleOverview($from: Date!, $to: Date!) {\n    analytics(from: $from, to: $to) {\n      asOf\n      databaseAsOf\n      members { total joinedInPeriod activeIn30Days activeIn90Days }\n      daily { date newMembers purchases paid { amount } }\n      tierDistribution { tier { code name } members }\n      penetration { membersShare purchasesShare }\n      conversion { registeredToFirstPurchase freeToPaid }\n      renewalRate\n      repurchaseRate\n      storedValueFloat { amount }\n      storedValueFloatByIssuer { issuer { id name } balance { amount } }\n      pointsLiability { amount }\n      taskCompletions\n      referrals { invited converted }\n    }\n  }\n": typeof types.ConsoleOverviewDocument,
    "\n  query ConsoleOverviewRfm {\n    rfm { asOf databaseAsOf segments { segment name members share } }\n  }\n": typeof types.ConsoleOverviewRfmDocument,
    "\n  mutation ConsoleRefreshAnalytics {\n    refreshAnalytics { requestedAt }\n  }\n": typeof types.ConsoleRefreshAnalyticsDocument,
    "\n  mutation ConsoleRefreshRfm {\n    refreshRfm { requestedAt }\n  }\n": typeof types.ConsoleRefreshRfmDocument,
    "\n  query ConsoleProgramme {\n    programme {\n      cycle growthPerYuan pointsPerYuanBurn signInGrowth signInPoints\n      tiers { code name threshold pointsMultiplierBps upgradeGiftPoints description upgradeGiftCouponTemplate { id } }\n      plans { code name price { amount } period pointsMultiplierBps active }\n    }\n    merchants { id name kind settlementTerms { canIssue canAccept commissionBps pointsPerYuan earnCostPer100Points burnValuePer100Points } }\n  }\n": typeof types.ConsoleProgrammeDocument,
    "\n  mutation ConsoleSetProgramme($input: ProgrammeInput!) { setProgramme(input: $input) { programme { cycle tiers { code threshold } } } }\n": typeof types.ConsoleSetProgrammeDocument,
    "\n  mutation ConsoleSetSettlementTerms($input: SettlementTermsInput!) {\n    setSettlementTerms(input: $input) { merchant { id settlementTerms { pointsPerYuan earnCostPer100Points burnValuePer100Points commissionBps } } }\n  }\n": typeof types.ConsoleSetSettlementTermsDocument,
    "\n  mutation ConsoleSetMembershipPlan($input: MembershipPlanInput!) { setMembershipPlan(input: $input) { plan { code name price { amount } active } } }\n": typeof types.ConsoleSetMembershipPlanDocument,
    "\n  query ConsoleSettlement($period: String!) {\n    settlement(period: $period) {\n      id period status computedAt finalizedAt databaseAsOf\n      totals { crossRedemptions { amount } commission { amount } topUps { amount } hqIncome { amount } pointsLiability { amount }\n        pointsCost { amount } pointsCredit { amount } couponDiscountsFundedByHq { amount } pointsIssued pointsRedeemed pointsOutstanding }\n      statements { ...ConsoleStatementFields }\n      positionMatrix(top: 15) {\n        acquirers { id name }\n        issuers { id name }\n        cells { acquirer { id } issuer { id } amount { amount } positions }\n      }\n    }\n    merchants { id name }\n  }\n": typeof types.ConsoleSettlementDocument,
    "\n  query ConsoleSettlementPositions($period: String!, $first: Int!, $after: String, $merchantId: ID) {\n    settlement(period: $period) {\n      positionPage(first: $first, after: $after, merchantId: $merchantId) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { acquirer { id name } issuer { id name } amount { amount } commission { amount } } }\n      }\n    }\n  }\n": typeof types.ConsoleSettlementPositionsDocument,
    "mutation ConsoleRunSettlement($period: String!) { runSettlement(period: $period) { id status } }": typeof types.ConsoleRunSettlementDocument,
    "mutation ConsoleFinalizeSettlement($id: ID!) { finalizeSettlement(id: $id) { id status finalizedAt } }": typeof types.ConsoleFinalizeSettlementDocument,
    "\n  query ConsoleMyStatement($period: String!) { myStatement(period: $period) { status databaseAsOf ...ConsoleStatementFields } }\n": typeof types.ConsoleMyStatementDocument,
    "\n  mutation ConsoleCreateBenefit($input: BenefitInput!) { createBenefit(input: $input) { benefit { id name } } }\n": typeof types.ConsoleCreateBenefitDocument,
    "\n  mutation ConsoleUpdateBenefit($id: ID!, $input: UpdateBenefitInput!) { updateBenefit(id: $id, input: $input) { benefit { id active } } }\n": typeof types.ConsoleUpdateBenefitDocument,
    "\n  mutation ConsoleCreateCouponTemplate($input: CouponTemplateInput!) { createCouponTemplate(input: $input) { template { id name } } }\n": typeof types.ConsoleCreateCouponTemplateDocument,
    "\n  mutation ConsoleCreateCampaign($input: CampaignInput!) { createCampaign(input: $input) { campaign { id name status } } }\n": typeof types.ConsoleCreateCampaignDocument,
    "\n  fragment ConsoleStatementFields on MerchantStatement {\n    merchant { id name }\n    status\n    topUps { amount } bonusGranted { amount } redeemedOwnValue { amount } acquiredFromOthers { amount } redeemedElsewhere { amount }\n    commission { amount } pointsCost { amount } pointsCredit { amount } couponCredit { amount } couponCost { amount }\n    net { amount } outstandingFloat { amount } pointsIssued pointsRedeemed\n  }\n": typeof types.ConsoleStatementFieldsFragmentDoc,
    "\n  mutation ConsoleCreateTask($input: TaskInput!) { createTask(input: $input) { task { id name } } }\n": typeof types.ConsoleCreateTaskDocument,
    "\n  mutation ConsoleUpdateTask($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { task { id active } } }\n": typeof types.ConsoleUpdateTaskDocument,
};
const documents: Documents = {
    "\n  mutation ConsoleAuthenticate($clientId: ID!, $clientSecret: String!) {\n    authenticate(clientId: $clientId, clientSecret: $clientSecret) { token expiresAt role }\n  }\n": types.ConsoleAuthenticateDocument,
    "\n  query ConsoleMerchants {\n    merchants { id name kind }\n  }\n": types.ConsoleMerchantsDocument,
    "\n  query ConsoleBenefits($month: String!) {\n    benefitUsage(month: $month) {\n      benefit { id name kind owner { id name } }\n      entitled\n      users\n      uses\n      usageRateBps\n      cost { amount }\n      budget { amount }\n      budgetUsed { amount }\n    }\n    tierBenefitCost(month: $month) { tier { code name } benefitCost { amount } paid { amount } costRateBps databaseAsOf }\n    tasks { id name kind goal window active owner { id name } completions members pointsGranted growthGranted }\n    benefits { id name kind active owner { id name } tiers { code } plans { code } }\n    programme { tiers { code name } plans { code name } }\n    couponTemplates { id name owner { id } }\n    merchants { id name }\n  }\n": types.ConsoleBenefitsDocument,
    "\n  query ConsoleMarketing {\n    couponTemplates { id name kind owner { id name } issued budget redeemed pointsPrice }\n    campaigns { id name status trigger reached heldOut couponsRedeemed pointsGranted runAt }\n    tags { name kind members }\n    merchants { id name }\n    rfm { asOf windowDays averages { recencyDays frequency monetary { amount } } segments { segment name members share } }\n  }\n": types.ConsoleMarketingDocument,
    "\n  mutation ConsoleIssueCoupons($input: IssueCouponsInput!) { issueCoupons(input: $input) { issued skipped template { id issued budget } } }\n": types.ConsoleIssueCouponsDocument,
    "\n  query ConsoleCampaignResults($id: ID!) {\n    campaign(id: $id) {\n      id name reached heldOut\n      results { days upliftBps reached { members buyers purchases paid { amount } } control { members buyers purchases paid { amount } } }\n    }\n  }\n": types.ConsoleCampaignResultsDocument,
    "\n  query ConsoleMember($id: ID!) {\n    member(id: $id) {\n      id displayName phone birthday registeredAt\n      card { number status }\n      registeredStore { name }\n      joinedMerchants { id name }\n      tier { code name }\n      tags\n      tierProgress { growth nextTier { name } growthToNextTier cycleEndsAt keepsTier }\n      points { balance value { amount } nextExpiry { points expiresAt } }\n      coupons { id status validUntil template { name } }\n      wallet { status balance { amount } balanceByIssuer { issuer { id name } balance { amount } } }\n      membershipPlan { plan { name } validUntil }\n      benefits { benefit { id name kind } source usesLeftThisMonth nextGrantAt }\n      nextTierBenefits { id name kind }\n      tasks {\n        task { id name kind goal goalAmount { amount } }\n        progress\n        progressAmount { amount }\n        completionsInWindow\n        completedAt\n        windowEndsAt\n      }\n      badges { badge { code name } awardedAt }\n      transactions(first: 20) { edges { node { ...ConsoleTransaction } } pageInfo { hasNextPage endCursor } }\n    }\n  }\n  fragment ConsoleTransaction on Transaction { id kind occurredAt amount { amount } pointsChange store { name } }\n": types.ConsoleMemberDocument,
    "\n  query ConsoleMemberTransactions($id: ID!, $after: String) {\n    member(id: $id) { id transactions(first: 50, after: $after) { edges { node { ...ConsoleTransaction } } pageInfo { hasNextPage endCursor } } }\n  }\n": types.ConsoleMemberTransactionsDocument,
    "mutation ConsoleTagMember($input: TagMembersInput!) { tagMembers(input: $input) { tag { name members } } }": types.ConsoleTagMemberDocument,
    "mutation ConsoleFreezeWallet($memberId: ID!) { freezeWallet(memberId: $memberId) { status } }": types.ConsoleFreezeWalletDocument,
    "mutation ConsoleUnfreezeWallet($memberId: ID!) { unfreezeWallet(memberId: $memberId) { status } }": types.ConsoleUnfreezeWalletDocument,
    "\n  query ConsoleMemberSearch($phone: String, $cardNumber: String) {\n    memberSearch(phone: $phone, cardNumber: $cardNumber) { id displayName phone card { number status } tier { name } registeredAt }\n  }\n": types.ConsoleMemberSearchDocument,
    "\n  query ConsoleOverview($from: Date!, $to: Date!) {\n    analytics(from: $from, to: $to) {\n      asOf\n      databaseAsOf\n      members { total joinedInPeriod activeIn30Days activeIn90Days }\n      daily { date newMembers purchases paid { amount } }\n      tierDistribution { tier { code name } members }\n      penetration { membersShare purchasesShare }\n      conversion { registeredToFirstPurchase freeToPaid }\n      renewalRate\n      repurchaseRate\n      storedValueFloat { amount }\n      storedValueFloatByIssuer { issuer { id name } balance { amount } }\n      pointsLiability { amount }\n      taskCompletions\n      referrals { invited converted }\n    }\n  }\n": types.ConsoleOverviewDocument,
    "\n  query ConsoleOverviewRfm {\n    rfm { asOf databaseAsOf segments { segment name members share } }\n  }\n": types.ConsoleOverviewRfmDocument,
    "\n  mutation ConsoleRefreshAnalytics {\n    refreshAnalytics { requestedAt }\n  }\n": types.ConsoleRefreshAnalyticsDocument,
    "\n  mutation ConsoleRefreshRfm {\n    refreshRfm { requestedAt }\n  }\n": types.ConsoleRefreshRfmDocument,
    "\n  query ConsoleProgramme {\n    programme {\n      cycle growthPerYuan pointsPerYuanBurn signInGrowth signInPoints\n      tiers { code name threshold pointsMultiplierBps upgradeGiftPoints description upgradeGiftCouponTemplate { id } }\n      plans { code name price { amount } period pointsMultiplierBps active }\n    }\n    merchants { id name kind settlementTerms { canIssue canAccept commissionBps pointsPerYuan earnCostPer100Points burnValuePer100Points } }\n  }\n": types.ConsoleProgrammeDocument,
    "\n  mutation ConsoleSetProgramme($input: ProgrammeInput!) { setProgramme(input: $input) { programme { cycle tiers { code threshold } } } }\n": types.ConsoleSetProgrammeDocument,
    "\n  mutation ConsoleSetSettlementTerms($input: SettlementTermsInput!) {\n    setSettlementTerms(input: $input) { merchant { id settlementTerms { pointsPerYuan earnCostPer100Points burnValuePer100Points commissionBps } } }\n  }\n": types.ConsoleSetSettlementTermsDocument,
    "\n  mutation ConsoleSetMembershipPlan($input: MembershipPlanInput!) { setMembershipPlan(input: $input) { plan { code name price { amount } active } } }\n": types.ConsoleSetMembershipPlanDocument,
    "\n  query ConsoleSettlement($period: String!) {\n    settlement(period: $period) {\n      id period status computedAt finalizedAt databaseAsOf\n      totals { crossRedemptions { amount } commission { amount } topUps { amount } hqIncome { amount } pointsLiability { amount }\n        pointsCost { amount } pointsCredit { amount } couponDiscountsFundedByHq { amount } pointsIssued pointsRedeemed pointsOutstanding }\n      statements { ...ConsoleStatementFields }\n      positionMatrix(top: 15) {\n        acquirers { id name }\n        issuers { id name }\n        cells { acquirer { id } issuer { id } amount { amount } positions }\n      }\n    }\n    merchants { id name }\n  }\n": types.ConsoleSettlementDocument,
    "\n  query ConsoleSettlementPositions($period: String!, $first: Int!, $after: String, $merchantId: ID) {\n    settlement(period: $period) {\n      positionPage(first: $first, after: $after, merchantId: $merchantId) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { acquirer { id name } issuer { id name } amount { amount } commission { amount } } }\n      }\n    }\n  }\n": types.ConsoleSettlementPositionsDocument,
    "mutation ConsoleRunSettlement($period: String!) { runSettlement(period: $period) { id status } }": types.ConsoleRunSettlementDocument,
    "mutation ConsoleFinalizeSettlement($id: ID!) { finalizeSettlement(id: $id) { id status finalizedAt } }": types.ConsoleFinalizeSettlementDocument,
    "\n  query ConsoleMyStatement($period: String!) { myStatement(period: $period) { status databaseAsOf ...ConsoleStatementFields } }\n": types.ConsoleMyStatementDocument,
    "\n  mutation ConsoleCreateBenefit($input: BenefitInput!) { createBenefit(input: $input) { benefit { id name } } }\n": types.ConsoleCreateBenefitDocument,
    "\n  mutation ConsoleUpdateBenefit($id: ID!, $input: UpdateBenefitInput!) { updateBenefit(id: $id, input: $input) { benefit { id active } } }\n": types.ConsoleUpdateBenefitDocument,
    "\n  mutation ConsoleCreateCouponTemplate($input: CouponTemplateInput!) { createCouponTemplate(input: $input) { template { id name } } }\n": types.ConsoleCreateCouponTemplateDocument,
    "\n  mutation ConsoleCreateCampaign($input: CampaignInput!) { createCampaign(input: $input) { campaign { id name status } } }\n": types.ConsoleCreateCampaignDocument,
    "\n  fragment ConsoleStatementFields on MerchantStatement {\n    merchant { id name }\n    status\n    topUps { amount } bonusGranted { amount } redeemedOwnValue { amount } acquiredFromOthers { amount } redeemedElsewhere { amount }\n    commission { amount } pointsCost { amount } pointsCredit { amount } couponCredit { amount } couponCost { amount }\n    net { amount } outstandingFloat { amount } pointsIssued pointsRedeemed\n  }\n": types.ConsoleStatementFieldsFragmentDoc,
    "\n  mutation ConsoleCreateTask($input: TaskInput!) { createTask(input: $input) { task { id name } } }\n": types.ConsoleCreateTaskDocument,
    "\n  mutation ConsoleUpdateTask($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { task { id active } } }\n": types.ConsoleUpdateTaskDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleAuthenticate($clientId: ID!, $clientSecret: String!) {\n    authenticate(clientId: $clientId, clientSecret: $clientSecret) { token expiresAt role }\n  }\n"): typeof import('./graphql').ConsoleAuthenticateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleMerchants {\n    merchants { id name kind }\n  }\n"): typeof import('./graphql').ConsoleMerchantsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleBenefits($month: String!) {\n    benefitUsage(month: $month) {\n      benefit { id name kind owner { id name } }\n      entitled\n      users\n      uses\n      usageRateBps\n      cost { amount }\n      budget { amount }\n      budgetUsed { amount }\n    }\n    tierBenefitCost(month: $month) { tier { code name } benefitCost { amount } paid { amount } costRateBps databaseAsOf }\n    tasks { id name kind goal window active owner { id name } completions members pointsGranted growthGranted }\n    benefits { id name kind active owner { id name } tiers { code } plans { code } }\n    programme { tiers { code name } plans { code name } }\n    couponTemplates { id name owner { id } }\n    merchants { id name }\n  }\n"): typeof import('./graphql').ConsoleBenefitsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleMarketing {\n    couponTemplates { id name kind owner { id name } issued budget redeemed pointsPrice }\n    campaigns { id name status trigger reached heldOut couponsRedeemed pointsGranted runAt }\n    tags { name kind members }\n    merchants { id name }\n    rfm { asOf windowDays averages { recencyDays frequency monetary { amount } } segments { segment name members share } }\n  }\n"): typeof import('./graphql').ConsoleMarketingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleIssueCoupons($input: IssueCouponsInput!) { issueCoupons(input: $input) { issued skipped template { id issued budget } } }\n"): typeof import('./graphql').ConsoleIssueCouponsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCampaignResults($id: ID!) {\n    campaign(id: $id) {\n      id name reached heldOut\n      results { days upliftBps reached { members buyers purchases paid { amount } } control { members buyers purchases paid { amount } } }\n    }\n  }\n"): typeof import('./graphql').ConsoleCampaignResultsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleMember($id: ID!) {\n    member(id: $id) {\n      id displayName phone birthday registeredAt\n      card { number status }\n      registeredStore { name }\n      joinedMerchants { id name }\n      tier { code name }\n      tags\n      tierProgress { growth nextTier { name } growthToNextTier cycleEndsAt keepsTier }\n      points { balance value { amount } nextExpiry { points expiresAt } }\n      coupons { id status validUntil template { name } }\n      wallet { status balance { amount } balanceByIssuer { issuer { id name } balance { amount } } }\n      membershipPlan { plan { name } validUntil }\n      benefits { benefit { id name kind } source usesLeftThisMonth nextGrantAt }\n      nextTierBenefits { id name kind }\n      tasks {\n        task { id name kind goal goalAmount { amount } }\n        progress\n        progressAmount { amount }\n        completionsInWindow\n        completedAt\n        windowEndsAt\n      }\n      badges { badge { code name } awardedAt }\n      transactions(first: 20) { edges { node { ...ConsoleTransaction } } pageInfo { hasNextPage endCursor } }\n    }\n  }\n  fragment ConsoleTransaction on Transaction { id kind occurredAt amount { amount } pointsChange store { name } }\n"): typeof import('./graphql').ConsoleMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleMemberTransactions($id: ID!, $after: String) {\n    member(id: $id) { id transactions(first: 50, after: $after) { edges { node { ...ConsoleTransaction } } pageInfo { hasNextPage endCursor } } }\n  }\n"): typeof import('./graphql').ConsoleMemberTransactionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleTagMember($input: TagMembersInput!) { tagMembers(input: $input) { tag { name members } } }"): typeof import('./graphql').ConsoleTagMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleFreezeWallet($memberId: ID!) { freezeWallet(memberId: $memberId) { status } }"): typeof import('./graphql').ConsoleFreezeWalletDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleUnfreezeWallet($memberId: ID!) { unfreezeWallet(memberId: $memberId) { status } }"): typeof import('./graphql').ConsoleUnfreezeWalletDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleMemberSearch($phone: String, $cardNumber: String) {\n    memberSearch(phone: $phone, cardNumber: $cardNumber) { id displayName phone card { number status } tier { name } registeredAt }\n  }\n"): typeof import('./graphql').ConsoleMemberSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleOverview($from: Date!, $to: Date!) {\n    analytics(from: $from, to: $to) {\n      asOf\n      databaseAsOf\n      members { total joinedInPeriod activeIn30Days activeIn90Days }\n      daily { date newMembers purchases paid { amount } }\n      tierDistribution { tier { code name } members }\n      penetration { membersShare purchasesShare }\n      conversion { registeredToFirstPurchase freeToPaid }\n      renewalRate\n      repurchaseRate\n      storedValueFloat { amount }\n      storedValueFloatByIssuer { issuer { id name } balance { amount } }\n      pointsLiability { amount }\n      taskCompletions\n      referrals { invited converted }\n    }\n  }\n"): typeof import('./graphql').ConsoleOverviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleOverviewRfm {\n    rfm { asOf databaseAsOf segments { segment name members share } }\n  }\n"): typeof import('./graphql').ConsoleOverviewRfmDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRefreshAnalytics {\n    refreshAnalytics { requestedAt }\n  }\n"): typeof import('./graphql').ConsoleRefreshAnalyticsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRefreshRfm {\n    refreshRfm { requestedAt }\n  }\n"): typeof import('./graphql').ConsoleRefreshRfmDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleProgramme {\n    programme {\n      cycle growthPerYuan pointsPerYuanBurn signInGrowth signInPoints\n      tiers { code name threshold pointsMultiplierBps upgradeGiftPoints description upgradeGiftCouponTemplate { id } }\n      plans { code name price { amount } period pointsMultiplierBps active }\n    }\n    merchants { id name kind settlementTerms { canIssue canAccept commissionBps pointsPerYuan earnCostPer100Points burnValuePer100Points } }\n  }\n"): typeof import('./graphql').ConsoleProgrammeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSetProgramme($input: ProgrammeInput!) { setProgramme(input: $input) { programme { cycle tiers { code threshold } } } }\n"): typeof import('./graphql').ConsoleSetProgrammeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSetSettlementTerms($input: SettlementTermsInput!) {\n    setSettlementTerms(input: $input) { merchant { id settlementTerms { pointsPerYuan earnCostPer100Points burnValuePer100Points commissionBps } } }\n  }\n"): typeof import('./graphql').ConsoleSetSettlementTermsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSetMembershipPlan($input: MembershipPlanInput!) { setMembershipPlan(input: $input) { plan { code name price { amount } active } } }\n"): typeof import('./graphql').ConsoleSetMembershipPlanDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSettlement($period: String!) {\n    settlement(period: $period) {\n      id period status computedAt finalizedAt databaseAsOf\n      totals { crossRedemptions { amount } commission { amount } topUps { amount } hqIncome { amount } pointsLiability { amount }\n        pointsCost { amount } pointsCredit { amount } couponDiscountsFundedByHq { amount } pointsIssued pointsRedeemed pointsOutstanding }\n      statements { ...ConsoleStatementFields }\n      positionMatrix(top: 15) {\n        acquirers { id name }\n        issuers { id name }\n        cells { acquirer { id } issuer { id } amount { amount } positions }\n      }\n    }\n    merchants { id name }\n  }\n"): typeof import('./graphql').ConsoleSettlementDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSettlementPositions($period: String!, $first: Int!, $after: String, $merchantId: ID) {\n    settlement(period: $period) {\n      positionPage(first: $first, after: $after, merchantId: $merchantId) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { acquirer { id name } issuer { id name } amount { amount } commission { amount } } }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleSettlementPositionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleRunSettlement($period: String!) { runSettlement(period: $period) { id status } }"): typeof import('./graphql').ConsoleRunSettlementDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleFinalizeSettlement($id: ID!) { finalizeSettlement(id: $id) { id status finalizedAt } }"): typeof import('./graphql').ConsoleFinalizeSettlementDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleMyStatement($period: String!) { myStatement(period: $period) { status databaseAsOf ...ConsoleStatementFields } }\n"): typeof import('./graphql').ConsoleMyStatementDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateBenefit($input: BenefitInput!) { createBenefit(input: $input) { benefit { id name } } }\n"): typeof import('./graphql').ConsoleCreateBenefitDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateBenefit($id: ID!, $input: UpdateBenefitInput!) { updateBenefit(id: $id, input: $input) { benefit { id active } } }\n"): typeof import('./graphql').ConsoleUpdateBenefitDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateCouponTemplate($input: CouponTemplateInput!) { createCouponTemplate(input: $input) { template { id name } } }\n"): typeof import('./graphql').ConsoleCreateCouponTemplateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateCampaign($input: CampaignInput!) { createCampaign(input: $input) { campaign { id name status } } }\n"): typeof import('./graphql').ConsoleCreateCampaignDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsoleStatementFields on MerchantStatement {\n    merchant { id name }\n    status\n    topUps { amount } bonusGranted { amount } redeemedOwnValue { amount } acquiredFromOthers { amount } redeemedElsewhere { amount }\n    commission { amount } pointsCost { amount } pointsCredit { amount } couponCredit { amount } couponCost { amount }\n    net { amount } outstandingFloat { amount } pointsIssued pointsRedeemed\n  }\n"): typeof import('./graphql').ConsoleStatementFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateTask($input: TaskInput!) { createTask(input: $input) { task { id name } } }\n"): typeof import('./graphql').ConsoleCreateTaskDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateTask($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { task { id active } } }\n"): typeof import('./graphql').ConsoleUpdateTaskDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
