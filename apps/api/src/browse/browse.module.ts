import { Module } from '@nestjs/common';
import { ActivityRepository } from '../graph/read/activity.repository.js';
import { NodeTagsRepository } from '../graph/read/node-tags.repository.js';
import { LineageModule } from '../lineage/lineage.module.js';
import { BrowseResolver } from './browse.resolver.js';
import { BrowseService } from './browse.service.js';

/** The start page's activity feed and the tags the lineage explorer filters by. */
@Module({
  imports: [LineageModule],
  providers: [ActivityRepository, NodeTagsRepository, BrowseService, BrowseResolver],
})
export class BrowseModule {}
