/** Apinizer resources and data sources served by the provider. */
import type { DataSourceType, ResourceType } from '../../tfplugin/resource';
import type { Connections } from '../connections';

export const apinizerResources: ResourceType<Connections>[] = [];
export const apinizerDataSources: DataSourceType<Connections>[] = [];
