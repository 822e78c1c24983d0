import type { LineageGranularity } from '../../../api/types.js';
import type { LineageDepths } from '../../../routing/routes.js';
import type { GraphApi } from './GraphCanvas.js';
import type { RefObject } from 'react';

const MAX_DEPTH = 20;

type Props = {
  depths: LineageDepths;
  granularity: LineageGranularity;
  view: 'graph' | 'table';
  focusMode: boolean;
  daysAgo: number;
  onDepths: (depths: LineageDepths) => void;
  onChange: (change: { granularity?: LineageGranularity; view?: 'graph' | 'table' }) => void;
  onFocusMode: (on: boolean) => void;
  onDaysAgo: (days: number) => void;
  apiRef: RefObject<GraphApi | undefined>;
  onExportPng: () => void;
};

export function GraphToolbar(props: Props) {
  const { depths, granularity, view, focusMode, daysAgo, onChange, apiRef } = props;
  // At least one side keeps a hop: a graph of the root alone shows nothing.
  const side = (key: keyof LineageDepths, label: string, title: string) => (
    <label title={title}>
      {label}{' '}
      <input
        type="number"
        min={0}
        max={MAX_DEPTH}
        value={depths[key]}
        onChange={(e) => {
          const value = Number(e.target.value);
          const next = { ...depths, [key]: value };
          if (Number.isInteger(value) && value >= 0 && value <= MAX_DEPTH && next.up + next.down > 0)
            props.onDepths(next);
        }}
        aria-label={`${label} depth in hops`}
        style={{ width: '4em' }}
      />
    </label>
  );
  return (
    <div className="toolbar" role="toolbar" aria-label="Lineage controls">
      {side('up', 'Upstream', 'How many hops upstream (0 = none)')}
      {side('down', 'Downstream', 'How many hops downstream (0 = none)')}
      <div className="segmented" role="group" aria-label="Granularity">
        <button
          type="button"
          aria-pressed={granularity === 'DATASET'}
          onClick={() => onChange({ granularity: 'DATASET' })}
        >
          Datasets
        </button>
        <button
          type="button"
          aria-pressed={granularity === 'COLUMN'}
          onClick={() => onChange({ granularity: 'COLUMN' })}
        >
          Columns
        </button>
      </div>
      <div className="segmented" role="group" aria-label="View">
        <button type="button" aria-pressed={view === 'graph'} onClick={() => onChange({ view: 'graph' })}>
          Graph
        </button>
        <button type="button" aria-pressed={view === 'table'} onClick={() => onChange({ view: 'table' })}>
          Table
        </button>
      </div>
      {view === 'graph' && (
        <>
          <label className="checkbox">
            <input type="checkbox" checked={focusMode} onChange={(e) => props.onFocusMode(e.target.checked)} /> Focus on
            selection
          </label>
          <button type="button" onClick={() => apiRef.current?.fit()} aria-label="Fit graph to screen">
            Fit
          </button>
          <button type="button" onClick={() => apiRef.current?.zoom(1.25)} aria-label="Zoom in">
            +
          </button>
          <button type="button" onClick={() => apiRef.current?.zoom(0.8)} aria-label="Zoom out">
            −
          </button>
          <button type="button" onClick={props.onExportPng}>
            Export PNG
          </button>
        </>
      )}
      <label className="time-slider">
        As of{' '}
        <input
          type="range"
          min={0}
          max={90}
          step={1}
          value={90 - daysAgo}
          onChange={(e) => props.onDaysAgo(90 - Number(e.target.value))}
          aria-valuetext={daysAgo === 0 ? 'now' : `${daysAgo} days ago`}
          aria-label="Show lineage as of a past date"
        />{' '}
        <output>{daysAgo === 0 ? 'now' : `${daysAgo} d ago`}</output>
      </label>
    </div>
  );
}
