/** DX resources and data sources served by the provider. */
import type { DataSourceType, ResourceType } from '../../tfplugin/resource';
import type { Connections } from '../connections';
import { dxConnectionsDataSource } from './connections-data-source';
import { dxCredentialResource } from './resource';

export const dxResources: ResourceType<Connections>[] = [dxCredentialResource];
export const dxDataSources: DataSourceType<Connections>[] = [dxConnectionsDataSource];
