import { DatasetPage } from '../features/dataset/components/DatasetPage.js';
import { FlowPage } from '../features/governance/components/FlowPage.js';
import { HomePage } from '../features/home/components/HomePage.js';
import { ImpactPage } from '../features/impact/components/ImpactPage.js';
import { JobPage } from '../features/job/components/JobPage.js';
import { LineagePage } from '../features/lineage-graph/components/LineagePage.js';
import { RunPage } from '../features/run/components/RunPage.js';
import { SearchBox } from '../features/search/components/SearchBox.js';
import { SearchPage } from '../features/search/components/SearchPage.js';
import type { Route } from '../routing/routes.js';
import { EmptyState } from '../ui/States.js';
import { Link } from '../ui/Link.js';
import { useTheme } from './theme.js';
import { useRoute } from './use-route.js';

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'search':
      return <SearchPage q={route.q} />;
    case 'dataset':
      return <DatasetPage key={`${route.namespace}/${route.name}`} namespace={route.namespace} name={route.name} />;
    case 'job':
      return <JobPage key={`${route.namespace}/${route.name}`} namespace={route.namespace} name={route.name} />;
    case 'run':
      return <RunPage id={route.id} />;
    case 'lineage':
      return <LineagePage route={route} />;
    case 'impact':
      return <ImpactPage route={route} />;
    case 'flow':
      return <FlowPage classification={route.classification} namespace={route.namespace} />;
    case 'not-found':
      return (
        <EmptyState title="Nothing at this address">
          <p>
            <code>{route.path}</code> is not a page of Tributary. <Link href="/">Go to the start page</Link>.
          </p>
        </EmptyState>
      );
  }
}

export function App() {
  const route = useRoute();
  const [theme, toggleTheme] = useTheme();
  return (
    <div className={`app page-${route.page}`}>
      <header className="app-header">
        <Link href="/" className="brand" aria-label="Tributary home">
          <span aria-hidden="true">≋</span> Tributary
        </Link>
        <SearchBox initial={route.page === 'search' ? route.q : ''} />
        <button
          type="button"
          className="theme-toggle"
          onClick={toggleTheme}
          aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
        >
          {theme === 'dark' ? '☀' : '☾'}
        </button>
      </header>
      <main className="app-main" id="main">
        <Page route={route} />
      </main>
    </div>
  );
}
