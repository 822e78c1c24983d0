import { Module } from '@nestjs/common';
import { GraphReadModule } from '../graph/read/graph-read.module.js';
import { LineageModule } from '../lineage/lineage.module.js';
import { ImpactResolver } from './impact.resolver.js';
import { ImpactService } from './impact.service.js';

@Module({
  imports: [GraphReadModule, LineageModule],
  providers: [ImpactResolver, ImpactService],
})
export class ImpactModule {}
