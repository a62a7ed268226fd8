/** Tines resources and data sources served by the provider. */
import type { DataSourceType, ResourceType } from '../../tfplugin/resource';
import type { Connections } from '../connections';

export const tinesResources: ResourceType<Connections>[] = [];
export const tinesDataSources: DataSourceType<Connections>[] = [];
