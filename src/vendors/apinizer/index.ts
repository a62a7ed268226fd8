/** Apinizer resources and data sources served by the provider. */
import type { DataSourceType, ResourceType } from '../../tfplugin/resource';
import type { Connections } from '../connections';
import { apinizerCredentialResource } from './resource';

export const apinizerResources: ResourceType<Connections>[] = [apinizerCredentialResource];
export const apinizerDataSources: DataSourceType<Connections>[] = [];
