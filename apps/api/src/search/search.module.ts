import { Module } from '@nestjs/common';
import { GraphReadModule } from '../graph/read/graph-read.module.js';
import { LineageModule } from '../lineage/lineage.module.js';
import { SearchResolver } from './search.resolver.js';
import { SearchService } from './search.service.js';

@Module({
  imports: [GraphReadModule, LineageModule],
  providers: [SearchResolver, SearchService],
})
export class SearchModule {}
