import { useState } from 'react';
import { GovernancePanel } from './GovernancePanel.js';

/** A job's governance, folded away: the job page is about runs first. Loaded when opened. */
export function JobGovernance({ namespace, name }: { namespace: string; name: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="job-governance" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Governance: description, owners, tags, classifications, glossary terms</summary>
      {open && <GovernancePanel node={{ kind: 'JOB', namespace, name }} variant="node" />}
    </details>
  );
}
