/** A merchant's statement as the table and the CSV show it: the same columns, in the same order, for HQ and merchants. */
import { graphql } from '../graphql';
import type { ConsoleStatementFieldsFragment } from '../graphql/graphql';

export const StatementFields = graphql(`
  fragment ConsoleStatementFields on MerchantStatement {
    merchant { id name }
    status
    topUps { amount } bonusGranted { amount } redeemedOwnValue { amount } acquiredFromOthers { amount } redeemedElsewhere { amount }
    commission { amount } pointsCost { amount } pointsCredit { amount } couponCredit { amount } couponCost { amount }
    net { amount } outstandingFloat { amount } pointsIssued pointsRedeemed
  }
`);

export const STATEMENT_COLUMNS = [
  'topUps',
  'bonusGranted',
  'redeemedOwnValue',
  'acquiredFromOthers',
  'redeemedElsewhere',
  'commission',
  'pointsCost',
  'pointsCredit',
  'couponCredit',
  'couponCost',
  'net',
  'outstandingFloat',
] as const satisfies readonly (keyof ConsoleStatementFieldsFragment)[];

export const STATEMENT_POINT_COLUMNS = ['pointsIssued', 'pointsRedeemed'] as const satisfies readonly (keyof ConsoleStatementFieldsFragment)[];

export const statementRow = (s: ConsoleStatementFieldsFragment) => [
  s.merchant.id,
  s.merchant.name,
  ...STATEMENT_COLUMNS.map((c) => s[c].amount),
  ...STATEMENT_POINT_COLUMNS.map((c) => s[c]),
];

export const STATEMENT_CSV_HEADER = ['merchant_id', 'merchant', ...STATEMENT_COLUMNS, ...STATEMENT_POINT_COLUMNS];
