/**
 * Creating a coupon template and a campaign from the marketing page. Each form sends what the clerk filled in (blank
 * fields are left out, so the graph's defaults apply) and shows the graph's message beside the field it names. A
 * campaign's idempotency key is made when the form is shown and kept until it is created, so a double click or a
 * retry creates one campaign.
 */
import { useState, type FormEvent } from 'react';
import { graphql } from '../graphql';
import type { CampaignActionKind, CampaignTriggerKind, CouponKind, RfmSegment } from '../graphql/graphql';
import { useSession } from '../graph/session';
import { ErrorNotice } from '../parts/ErrorNotice';
import { Field, money, text, useSubmission, whole } from '../parts/forms';
import { useI18n } from '../parts/i18n';

const CreateTemplateOperation = graphql(`
  mutation ConsoleCreateCouponTemplate($input: CouponTemplateInput!) { createCouponTemplate(input: $input) { template { id name } } }
`);

const CreateCampaignOperation = graphql(`
  mutation ConsoleCreateCampaign($input: CampaignInput!) { createCampaign(input: $input) { campaign { id name status } } }
`);

const FIELDS = [
  'acceptedBy',
  'name',
  'kind',
  'amountOff',
  'minOrder',
  'percentOff',
  'maxDiscount',
  'giftValue',
  'validDays',
  'budget',
  'perMemberLimit',
  'pointsPrice',
];

export function CreateTemplateForm({ merchants, onCreated }: { merchants: { id: string; name: string }[]; onCreated(): void }) {
  const { t, label } = useI18n();
  const { send } = useSession();
  const { busy, error, done, run } = useSubmission();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const acceptedBy = form.getAll('acceptedBy').map(String);
    void run(async () => {
      const { createCouponTemplate } = await send(CreateTemplateOperation, {
        input: {
          name: text(form, 'name') ?? '',
          kind: String(form.get('kind')) as CouponKind,
          budget: whole(form, 'budget') ?? 0,
          amountOff: money(form, 'amountOff'),
          minOrder: money(form, 'minOrder'),
          percentOff: whole(form, 'percentOff'),
          maxDiscount: money(form, 'maxDiscount'),
          giftValue: money(form, 'giftValue'),
          validDays: whole(form, 'validDays'),
          perMemberLimit: whole(form, 'perMemberLimit'),
          pointsPrice: whole(form, 'pointsPrice'),
          ...(acceptedBy.length ? { acceptedBy } : {}),
        },
      });
      onCreated();
      return createCouponTemplate.template.name;
    });
  }
  return (
    <form className="inline create" onSubmit={submit} aria-busy={busy} data-testid="create-template">
      <Field label={t('name')} name="name" error={error}>
        <input name="name" />
      </Field>
      <Field label={t('kind')} name="kind" error={error}>
        <select name="kind">
          {(['AMOUNT_OFF', 'PERCENT_OFF', 'GIFT'] as const).map((kind) => (
            <option key={kind} value={kind}>
              {label('CouponKind', kind)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('amountOff')} name="amountOff" error={error}>
        <input name="amountOff" inputMode="decimal" size={6} />
      </Field>
      <Field label={t('minOrder')} name="minOrder" error={error}>
        <input name="minOrder" inputMode="decimal" size={6} />
      </Field>
      <Field label={t('percentOff')} name="percentOff" error={error}>
        <input name="percentOff" type="number" />
      </Field>
      <Field label={t('giftValue')} name="giftValue" error={error}>
        <input name="giftValue" inputMode="decimal" size={6} />
      </Field>
      <Field label={t('validDays')} name="validDays" error={error}>
        <input name="validDays" type="number" defaultValue={30} />
      </Field>
      <Field label={t('budget')} name="budget" error={error}>
        <input name="budget" type="number" defaultValue={1000} />
      </Field>
      <Field label={t('pointsPrice')} name="pointsPrice" error={error}>
        <input name="pointsPrice" type="number" />
      </Field>
      <Field label={t('acceptedBy')} name="acceptedBy" error={error}>
        <select name="acceptedBy" multiple size={3}>
          {merchants.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('saving') : t('createTemplate')}
      </button>
      {error && !FIELDS.includes(error.field ?? '') && <ErrorNotice error={error} />}
      {done && (
        <span role="status" data-testid="template-created">
          {t('created', { name: done })}
        </span>
      )}
    </form>
  );
}

export function CreateCampaignForm({
  templates,
  segments,
  tags,
  onCreated,
}: {
  templates: { id: string; name: string }[];
  segments: { segment: RfmSegment; name: string }[];
  tags: string[];
  onCreated(): void;
}) {
  const { t, label } = useI18n();
  const { send } = useSession();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const { busy, error, done, run } = useSubmission();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const rfmSegments = form.getAll('rfmSegments').map(String) as RfmSegment[];
    const chosenTags = form.getAll('tags').map(String);
    const action = String(form.get('action')) as CampaignActionKind;
    void run(async () => {
      const { createCampaign } = await send(CreateCampaignOperation, {
        input: {
          name: text(form, 'name') ?? '',
          trigger: { kind: String(form.get('trigger')) as CampaignTriggerKind },
          audience: { ...(rfmSegments.length ? { rfmSegments } : {}), ...(chosenTags.length ? { tags: chosenTags } : {}) },
          action: {
            kind: action,
            ...(action === 'ISSUE_COUPON' ? { couponTemplateId: String(form.get('couponTemplateId')) } : {}),
            ...(action === 'GRANT_POINTS' ? { points: whole(form, 'points') } : {}),
            ...(action === 'NOTIFY' ? { message: text(form, 'message') } : {}),
          },
          controlGroupBps: whole(form, 'controlGroupBps'),
          idempotencyKey: key,
        },
      });
      setKey(crypto.randomUUID());
      onCreated();
      return createCampaign.campaign.name;
    });
  }
  return (
    <form className="inline create" onSubmit={submit} aria-busy={busy} data-testid="create-campaign">
      <Field label={t('name')} name="name" error={error}>
        <input name="name" />
      </Field>
      <Field label={t('trigger')} name="trigger" error={error}>
        <select name="trigger">
          {(['NOW', 'REGISTERED', 'BIRTHDAY', 'TIER_UPGRADED'] as const).map((kind) => (
            <option key={kind} value={kind}>
              {label('CampaignTriggerKind', kind)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('segments')} name="audience" error={error}>
        <select name="rfmSegments" multiple size={3}>
          {segments.map((s) => (
            <option key={s.segment} value={s.segment}>
              {s.name}
            </option>
          ))}
        </select>
      </Field>
      {tags.length > 0 && (
        <label>
          {t('tags')}
          <select name="tags" multiple size={3}>
            {tags.map((tag) => (
              <option key={tag}>{tag}</option>
            ))}
          </select>
        </label>
      )}
      <Field label={t('action')} name="action" error={error}>
        <select name="action">
          {(['ISSUE_COUPON', 'GRANT_POINTS', 'NOTIFY'] as const).map((kind) => (
            <option key={kind} value={kind}>
              {label('CampaignActionKind', kind)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('couponTemplates')} name="action.couponTemplateId" error={error}>
        <select name="couponTemplateId">
          {templates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('points')} name="action.points" error={error}>
        <input name="points" type="number" />
      </Field>
      <Field label={t('message')} name="action.message" error={error}>
        <input name="message" />
      </Field>
      <Field label={t('controlGroupBps')} name="controlGroupBps" error={error}>
        <input name="controlGroupBps" type="number" defaultValue={1000} />
      </Field>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('saving') : t('createCampaign')}
      </button>
      {error &&
        !['name', 'trigger', 'audience', 'action', 'action.couponTemplateId', 'action.points', 'action.message', 'controlGroupBps'].includes(
          error.field ?? '',
        ) && <ErrorNotice error={error} />}
      {done && (
        <span role="status" data-testid="campaign-created">
          {t('created', { name: done })}
        </span>
      )}
    </form>
  );
}
