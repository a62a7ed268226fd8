/** DX resources and data sources served by the provider. */
import type { DataSourceType, ResourceType } from '../../tfplugin/resource';
import type { Connections } from '../connections';

export const dxResources: ResourceType<Connections>[] = [];
export const dxDataSources: DataSourceType<Connections>[] = [];
