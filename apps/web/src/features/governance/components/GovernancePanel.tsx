import type { NodeRef } from '../../../api/types.js';
import { ErrorMessage, Skeleton } from '../../../ui/States.js';
import { useGovernance } from '../hooks/use-governance.js';
import { parseList } from '../utils/edit-errors.js';
import { ClassificationEditor } from './ClassificationEditor.js';
import { DescriptionEditor } from './DescriptionEditor.js';
import { GlossaryTermEditor } from './GlossaryTermEditor.js';
import { ListEditor } from './ListEditor.js';
import { SourceBadge } from './SourceBadge.js';

type Props = {
  node: NodeRef;
  /** Columns have no owners of their own (their dataset's count) but can stop propagation. */
  variant: 'node' | 'column';
};

/** Governance metadata of a dataset, job or column, editable by its stewards. */
export function GovernancePanel({ node, variant }: Props) {
  const { state, governance, terms, apply, error, busy } = useGovernance(node);
  if (state.status === 'loading' || (state.status === 'done' && !governance))
    return <Skeleton lines={4} label="Loading governance" />;
  if (state.status === 'error') return <ErrorMessage error={state.error} title="Could not load governance" />;
  const g = governance!;
  const idPrefix = `gov-${variant}-${node.field ?? node.name}`.replace(/[^\w-]/g, '_');
  const blocked = g.propagationBlocked.includes('*');
  return (
    <div className="governance-panel" aria-busy={busy}>
      {error && (
        <p className="error-box" role="alert">
          {error}
        </p>
      )}
      <dl className="facts">
        <dt>Description</dt>
        <dd>
          <DescriptionEditor
            description={g.description}
            source={g.descriptionSource}
            busy={busy}
            onSave={(description) => apply({ op: 'setDescription', description })}
          />
        </dd>
        {variant === 'node' && (
          <>
            <dt>
              Owners <SourceBadge source={g.ownersSource} />
            </dt>
            <dd>
              <ListEditor
                noun="owner"
                items={g.owners.map((owner) => owner.name)}
                busy={busy}
                onSave={(names) =>
                  apply({
                    op: 'setOwners',
                    owners: parseList(names.join(',')).map((name) => ({
                      name,
                      type: g.owners.find((owner) => owner.name === name)?.type ?? null,
                    })),
                  })
                }
                onReset={g.ownersSource === 'STEWARD' ? () => apply({ op: 'setOwners', owners: null }) : undefined}
              />
            </dd>
          </>
        )}
        <dt>
          Tags <SourceBadge source={g.tagsSource} />
        </dt>
        <dd>
          <ListEditor
            noun="tag"
            items={g.tags}
            busy={busy}
            onSave={(tags) => apply({ op: 'setTags', tags })}
            onReset={g.tagsSource === 'STEWARD' ? () => apply({ op: 'setTags', tags: null }) : undefined}
          />
        </dd>
        <dt>Classifications</dt>
        <dd>
          <ClassificationEditor
            idPrefix={idPrefix}
            classifications={g.classifications}
            busy={busy}
            onClassify={(classification, level) => apply({ op: 'classify', classification, level })}
            onDeclassify={(classification) => apply({ op: 'declassify', classification })}
          />
          {variant === 'column' && (
            <label className="checkbox propagation-toggle">
              <input
                type="checkbox"
                checked={blocked}
                disabled={busy}
                onChange={() => void apply({ op: blocked ? 'unblockPropagation' : 'blockPropagation' })}
              />{' '}
              Stop propagation here{' '}
              <span className="muted small">(no classification flows into or through this column)</span>
            </label>
          )}
        </dd>
        <dt>Glossary terms</dt>
        <dd>
          <GlossaryTermEditor
            assigned={g.glossaryTerms}
            terms={terms}
            busy={busy}
            onAssign={(term) => apply({ op: 'assignGlossaryTerm', term })}
            onUnassign={(term) => apply({ op: 'unassignGlossaryTerm', term })}
          />
        </dd>
      </dl>
    </div>
  );
}
