import { useCallback, useEffect, useState } from 'react';
import { ApiError, request } from '../../../api/client.js';
import type { NodeRef } from '../../../api/types.js';
import { useQuery } from '../../../api/use-query.js';
import {
  changeMutation,
  GOVERNANCE,
  type Governance,
  type GovernanceChange,
  type GlossaryTerm,
} from '../api/governance.queries.js';
import { editErrorMessage } from '../utils/edit-errors.js';

/**
 * A node's governance and the steward's changes to it. Each change answers
 * the new governance, which replaces the loaded one; a refused change leaves
 * it as it was and says why in `error`.
 */
export function useGovernance(node: NodeRef) {
  const state = useQuery<{ governance: Governance; glossaryTerms: GlossaryTerm[] }>(GOVERNANCE, { node });
  const [current, setCurrent] = useState<Governance>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (state.status === 'done') setCurrent(state.data.governance);
  }, [state]);

  const apply = useCallback(
    async (change: GovernanceChange): Promise<boolean> => {
      const { query, variables } = changeMutation(node, change);
      setBusy(true);
      try {
        const data = await request<{ change: Governance }>(query, variables);
        setCurrent(data.change);
        setError(undefined);
        return true;
      } catch (failure) {
        const apiError = failure instanceof ApiError ? failure : new ApiError(String(failure), 'CLIENT');
        setError(editErrorMessage(apiError, node.namespace));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [JSON.stringify(node)],
  );

  return {
    state,
    governance: current,
    terms: state.status === 'done' ? state.data.glossaryTerms : [],
    apply,
    error,
    busy,
  };
}
