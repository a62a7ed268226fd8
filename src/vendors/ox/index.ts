/** Ox resources and data sources served by the provider. */
import type { DataSourceType, ResourceType } from '../../tfplugin/resource';
import type { Connections } from '../connections';

export const oxResources: ResourceType<Connections>[] = [];
export const oxDataSources: DataSourceType<Connections>[] = [];
