/** Tines resources and data sources served by the provider. */
import type { DataSourceType, ResourceType } from '../../tfplugin/resource';
import type { Connections } from '../connections';
import { tinesTextCredential } from './resource';

export const tinesResources: ResourceType<Connections>[] = [tinesTextCredential];
export const tinesDataSources: DataSourceType<Connections>[] = [];
