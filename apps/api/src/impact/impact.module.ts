import { Module } from '@nestjs/common';
import { GraphReadModule } from '../graph/read/graph-read.module.js';
import { LineageModule } from '../lineage/lineage.module.js';
import { ImpactResolver } from './impact.resolver.js';
import { ImpactService } from './impact.service.js';
import { RootCauseResolver } from './root-cause.resolver.js';
import { RootCauseService } from './root-cause.service.js';

@Module({
  imports: [GraphReadModule, LineageModule],
  providers: [ImpactResolver, ImpactService, RootCauseResolver, RootCauseService],
})
export class ImpactModule {}
