/**
 * Our own protobufjs JSON descriptor for package `tfplugin6`: Terraform plugin protocol 6.8, the
 * version Terraform 1.11.4 speaks.
 *
 * Written by hand against `docs/plugin-protocol/tfplugin6.8.proto` at hashicorp/terraform tag v1.11.4.
 * Only what matters on the wire is carried over: message, field, enum and service/method names, field
 * numbers and types (plus `repeated`, `map` and proto3 `optional`). Names stay snake_case exactly as
 * upstream, so decoded objects have keys like `type_name` and `client_capabilities`, and type
 * references are written the way the upstream file writes them (resolved relative to the enclosing
 * message, then outwards, as protoc does).
 *
 * Conventions of the protobufjs JSON format used here:
 * - `rule: 'repeated'` for repeated fields, `keyType` for map fields;
 * - a proto3 `optional` field carries `options: { proto3_optional: true }` and a synthetic oneof named
 *   `_<field>` (exactly what protobufjs itself builds when it parses such a field);
 * - a type or service placed directly in a package namespace defaults to proto3 semantics (implicit
 *   presence for plain scalars, open enums).
 *
 * There is no `ResourceIdentity` in 6.8 (it arrived in 6.9 / Terraform 1.12).
 */
import type { IMapField, INamespace } from 'protobufjs/light';

/** A map field (`map<K, V> name = id;`): `IField` does not declare `keyType`, `IMapField` does. */
function mapField(field: IMapField): IMapField {
  return field;
}

/** The contents of package `tfplugin6` (mount it as `nested.tfplugin6` of a root). */
export const tfplugin6Descriptor: INamespace = {
  nested: {
    DynamicValue: {
      fields: {
        msgpack: { type: 'bytes', id: 1 },
        json: { type: 'bytes', id: 2 },
      },
    },
    Diagnostic: {
      fields: {
        severity: { type: 'Severity', id: 1 },
        summary: { type: 'string', id: 2 },
        detail: { type: 'string', id: 3 },
        attribute: { type: 'AttributePath', id: 4 },
      },
      nested: {
        Severity: { values: { INVALID: 0, ERROR: 1, WARNING: 2 } },
      },
    },
    FunctionError: {
      oneofs: { _function_argument: { oneof: ['function_argument'] } },
      fields: {
        text: { type: 'string', id: 1 },
        function_argument: { type: 'int64', id: 2, options: { proto3_optional: true } },
      },
    },
    AttributePath: {
      fields: {
        steps: { rule: 'repeated', type: 'Step', id: 1 },
      },
      nested: {
        Step: {
          oneofs: { selector: { oneof: ['attribute_name', 'element_key_string', 'element_key_int'] } },
          fields: {
            attribute_name: { type: 'string', id: 1 },
            element_key_string: { type: 'string', id: 2 },
            element_key_int: { type: 'int64', id: 3 },
          },
        },
      },
    },
    StopProvider: {
      fields: {},
      nested: {
        Request: { fields: {} },
        // Upstream really spells this field with a capital E.
        Response: { fields: { Error: { type: 'string', id: 1 } } },
      },
    },
    RawState: {
      fields: {
        json: { type: 'bytes', id: 1 },
        flatmap: mapField({ keyType: 'string', type: 'string', id: 2 }),
      },
    },
    StringKind: { values: { PLAIN: 0, MARKDOWN: 1 } },
    Schema: {
      fields: {
        version: { type: 'int64', id: 1 },
        block: { type: 'Block', id: 2 },
      },
      nested: {
        Block: {
          fields: {
            version: { type: 'int64', id: 1 },
            attributes: { rule: 'repeated', type: 'Attribute', id: 2 },
            block_types: { rule: 'repeated', type: 'NestedBlock', id: 3 },
            description: { type: 'string', id: 4 },
            description_kind: { type: 'StringKind', id: 5 },
            deprecated: { type: 'bool', id: 6 },
          },
        },
        Attribute: {
          fields: {
            name: { type: 'string', id: 1 },
            type: { type: 'bytes', id: 2 },
            nested_type: { type: 'Object', id: 10 },
            description: { type: 'string', id: 3 },
            required: { type: 'bool', id: 4 },
            optional: { type: 'bool', id: 5 },
            computed: { type: 'bool', id: 6 },
            sensitive: { type: 'bool', id: 7 },
            description_kind: { type: 'StringKind', id: 8 },
            deprecated: { type: 'bool', id: 9 },
            write_only: { type: 'bool', id: 11 },
          },
        },
        NestedBlock: {
          fields: {
            type_name: { type: 'string', id: 1 },
            block: { type: 'Block', id: 2 },
            nesting: { type: 'NestingMode', id: 3 },
            min_items: { type: 'int64', id: 4 },
            max_items: { type: 'int64', id: 5 },
          },
          nested: {
            NestingMode: { values: { INVALID: 0, SINGLE: 1, LIST: 2, SET: 3, MAP: 4, GROUP: 5 } },
          },
        },
        Object: {
          fields: {
            attributes: { rule: 'repeated', type: 'Attribute', id: 1 },
            nesting: { type: 'NestingMode', id: 3 },
            min_items: { type: 'int64', id: 4, options: { deprecated: true } },
            max_items: { type: 'int64', id: 5, options: { deprecated: true } },
          },
          nested: {
            NestingMode: { values: { INVALID: 0, SINGLE: 1, LIST: 2, SET: 3, MAP: 4 } },
          },
        },
      },
    },
    Function: {
      fields: {
        parameters: { rule: 'repeated', type: 'Parameter', id: 1 },
        variadic_parameter: { type: 'Parameter', id: 2 },
        return: { type: 'Return', id: 3 },
        summary: { type: 'string', id: 4 },
        description: { type: 'string', id: 5 },
        description_kind: { type: 'StringKind', id: 6 },
        deprecation_message: { type: 'string', id: 7 },
      },
      nested: {
        Parameter: {
          fields: {
            name: { type: 'string', id: 1 },
            type: { type: 'bytes', id: 2 },
            allow_null_value: { type: 'bool', id: 3 },
            allow_unknown_values: { type: 'bool', id: 4 },
            description: { type: 'string', id: 5 },
            description_kind: { type: 'StringKind', id: 6 },
          },
        },
        Return: {
          fields: {
            type: { type: 'bytes', id: 1 },
          },
        },
      },
    },
    ServerCapabilities: {
      fields: {
        plan_destroy: { type: 'bool', id: 1 },
        get_provider_schema_optional: { type: 'bool', id: 2 },
        move_resource_state: { type: 'bool', id: 3 },
      },
    },
    ClientCapabilities: {
      fields: {
        deferral_allowed: { type: 'bool', id: 1 },
        write_only_attributes_allowed: { type: 'bool', id: 2 },
      },
    },
    Deferred: {
      fields: {
        reason: { type: 'Reason', id: 1 },
      },
      nested: {
        Reason: { values: { UNKNOWN: 0, RESOURCE_CONFIG_UNKNOWN: 1, PROVIDER_CONFIG_UNKNOWN: 2, ABSENT_PREREQ: 3 } },
      },
    },

    Provider: {
      methods: {
        GetMetadata: { requestType: 'GetMetadata.Request', responseType: 'GetMetadata.Response' },
        GetProviderSchema: { requestType: 'GetProviderSchema.Request', responseType: 'GetProviderSchema.Response' },
        ValidateProviderConfig: { requestType: 'ValidateProviderConfig.Request', responseType: 'ValidateProviderConfig.Response' },
        ValidateResourceConfig: { requestType: 'ValidateResourceConfig.Request', responseType: 'ValidateResourceConfig.Response' },
        ValidateDataResourceConfig: {
          requestType: 'ValidateDataResourceConfig.Request',
          responseType: 'ValidateDataResourceConfig.Response',
        },
        UpgradeResourceState: { requestType: 'UpgradeResourceState.Request', responseType: 'UpgradeResourceState.Response' },
        ConfigureProvider: { requestType: 'ConfigureProvider.Request', responseType: 'ConfigureProvider.Response' },
        ReadResource: { requestType: 'ReadResource.Request', responseType: 'ReadResource.Response' },
        PlanResourceChange: { requestType: 'PlanResourceChange.Request', responseType: 'PlanResourceChange.Response' },
        ApplyResourceChange: { requestType: 'ApplyResourceChange.Request', responseType: 'ApplyResourceChange.Response' },
        ImportResourceState: { requestType: 'ImportResourceState.Request', responseType: 'ImportResourceState.Response' },
        MoveResourceState: { requestType: 'MoveResourceState.Request', responseType: 'MoveResourceState.Response' },
        ReadDataSource: { requestType: 'ReadDataSource.Request', responseType: 'ReadDataSource.Response' },
        ValidateEphemeralResourceConfig: {
          requestType: 'ValidateEphemeralResourceConfig.Request',
          responseType: 'ValidateEphemeralResourceConfig.Response',
        },
        OpenEphemeralResource: { requestType: 'OpenEphemeralResource.Request', responseType: 'OpenEphemeralResource.Response' },
        RenewEphemeralResource: { requestType: 'RenewEphemeralResource.Request', responseType: 'RenewEphemeralResource.Response' },
        CloseEphemeralResource: { requestType: 'CloseEphemeralResource.Request', responseType: 'CloseEphemeralResource.Response' },
        GetFunctions: { requestType: 'GetFunctions.Request', responseType: 'GetFunctions.Response' },
        CallFunction: { requestType: 'CallFunction.Request', responseType: 'CallFunction.Response' },
        StopProvider: { requestType: 'StopProvider.Request', responseType: 'StopProvider.Response' },
      },
    },

    GetMetadata: {
      fields: {},
      nested: {
        Request: { fields: {} },
        Response: {
          fields: {
            server_capabilities: { type: 'ServerCapabilities', id: 1 },
            diagnostics: { rule: 'repeated', type: 'Diagnostic', id: 2 },
            data_sources: { rule: 'repeated', type: 'DataSourceMetadata', id: 3 },
            resources: { rule: 'repeated', type: 'ResourceMetadata', id: 4 },
            functions: { rule: 'repeated', type: 'FunctionMetadata', id: 5 },
            ephemeral_resources: { rule: 'repeated', type: 'EphemeralMetadata', id: 6 },
          },
        },
        EphemeralMetadata: { fields: { type_name: { type: 'string', id: 1 } } },
        FunctionMetadata: { fields: { name: { type: 'string', id: 1 } } },
        DataSourceMetadata: { fields: { type_name: { type: 'string', id: 1 } } },
        ResourceMetadata: { fields: { type_name: { type: 'string', id: 1 } } },
      },
    },
    GetProviderSchema: {
      fields: {},
      nested: {
        Request: { fields: {} },
        Response: {
          fields: {
            provider: { type: 'Schema', id: 1 },
            resource_schemas: mapField({ keyType: 'string', type: 'Schema', id: 2 }),
            data_source_schemas: mapField({ keyType: 'string', type: 'Schema', id: 3 }),
            functions: mapField({ keyType: 'string', type: 'Function', id: 7 }),
            ephemeral_resource_schemas: mapField({ keyType: 'string', type: 'Schema', id: 8 }),
            diagnostics: { rule: 'repeated', type: 'Diagnostic', id: 4 },
            provider_meta: { type: 'Schema', id: 5 },
            server_capabilities: { type: 'ServerCapabilities', id: 6 },
          },
        },
      },
    },
    ValidateProviderConfig: {
      fields: {},
      nested: {
        Request: { fields: { config: { type: 'DynamicValue', id: 1 } } },
        Response: { fields: { diagnostics: { rule: 'repeated', type: 'Diagnostic', id: 2 } } },
      },
    },
    UpgradeResourceState: {
      fields: {},
      nested: {
        Request: {
          fields: {
            type_name: { type: 'string', id: 1 },
            version: { type: 'int64', id: 2 },
            raw_state: { type: 'RawState', id: 3 },
          },
        },
        Response: {
          fields: {
            upgraded_state: { type: 'DynamicValue', id: 1 },
            diagnostics: { rule: 'repeated', type: 'Diagnostic', id: 2 },
          },
        },
      },
    },
    ValidateResourceConfig: {
      fields: {},
      nested: {
        Request: {
          fields: {
            type_name: { type: 'string', id: 1 },
            config: { type: 'DynamicValue', id: 2 },
            client_capabilities: { type: 'ClientCapabilities', id: 3 },
          },
        },
        Response: { fields: { diagnostics: { rule: 'repeated', type: 'Diagnostic', id: 1 } } },
      },
    },
    ValidateDataResourceConfig: {
      fields: {},
      nested: {
        Request: {
          fields: {
            type_name: { type: 'string', id: 1 },
            config: { type: 'DynamicValue', id: 2 },
          },
        },
        Response: { fields: { diagnostics: { rule: 'repeated', type: 'Diagnostic', id: 1 } } },
      },
    },
    ValidateEphemeralResourceConfig: {
      fields: {},
      nested: {
        Request: {
          fields: {
            type_name: { type: 'string', id: 1 },
            config: { type: 'DynamicValue', id: 2 },
          },
        },
        Response: { fields: { diagnostics: { rule: 'repeated', type: 'Diagnostic', id: 1 } } },
      },
    },
    ConfigureProvider: {
      fields: {},
      nested: {
        Request: {
          fields: {
            terraform_version: { type: 'string', id: 1 },
            config: { type: 'DynamicValue', id: 2 },
            client_capabilities: { type: 'ClientCapabilities', id: 3 },
          },
        },
        Response: { fields: { diagnostics: { rule: 'repeated', type: 'Diagnostic', id: 1 } } },
      },
    },
    ReadResource: {
      fields: {},
      nested: {
        Request: {
          fields: {
            type_name: { type: 'string', id: 1 },
            current_state: { type: 'DynamicValue', id: 2 },
            private: { type: 'bytes', id: 3 },
            provider_meta: { type: 'DynamicValue', id: 4 },
            client_capabilities: { type: 'ClientCapabilities', id: 5 },
          },
        },
        Response: {
          fields: {
            new_state: { type: 'DynamicValue', id: 1 },
            diagnostics: { rule: 'repeated', type: 'Diagnostic', id: 2 },
            private: { type: 'bytes', id: 3 },
            deferred: { type: 'Deferred', id: 4 },
          },
        },
      },
    },
    PlanResourceChange: {
      fields: {},
      nested: {
        Request: {
          fields: {
            type_name: { type: 'string', id: 1 },
            prior_state: { type: 'DynamicValue', id: 2 },
            proposed_new_state: { type: 'DynamicValue', id: 3 },
            config: { type: 'DynamicValue', id: 4 },
            prior_private: { type: 'bytes', id: 5 },
            provider_meta: { type: 'DynamicValue', id: 6 },
            client_capabilities: { type: 'ClientCapabilities', id: 7 },
          },
        },
        Response: {
          fields: {
            planned_state: { type: 'DynamicValue', id: 1 },
            requires_replace: { rule: 'repeated', type: 'AttributePath', id: 2 },
            planned_private: { type: 'bytes', id: 3 },
            diagnostics: { rule: 'repeated', type: 'Diagnostic', id: 4 },
            legacy_type_system: { type: 'bool', id: 5 },
            deferred: { type: 'Deferred', id: 6 },
          },
        },
      },
    },
    ApplyResourceChange: {
      fields: {},
      nested: {
        Request: {
          fields: {
            type_name: { type: 'string', id: 1 },
            prior_state: { type: 'DynamicValue', id: 2 },
            planned_state: { type: 'DynamicValue', id: 3 },
            config: { type: 'DynamicValue', id: 4 },
            planned_private: { type: 'bytes', id: 5 },
            provider_meta: { type: 'DynamicValue', id: 6 },
          },
        },
        Response: {
          fields: {
            new_state: { type: 'DynamicValue', id: 1 },
            private: { type: 'bytes', id: 2 },
            diagnostics: { rule: 'repeated', type: 'Diagnostic', id: 3 },
            legacy_type_system: { type: 'bool', id: 4 },
          },
        },
      },
    },
    ImportResourceState: {
      fields: {},
      nested: {
        Request: {
          fields: {
            type_name: { type: 'string', id: 1 },
            id: { type: 'string', id: 2 },
            client_capabilities: { type: 'ClientCapabilities', id: 3 },
          },
        },
        ImportedResource: {
          fields: {
            type_name: { type: 'string', id: 1 },
            state: { type: 'DynamicValue', id: 2 },
            private: { type: 'bytes', id: 3 },
          },
        },
        Response: {
          fields: {
            imported_resources: { rule: 'repeated', type: 'ImportedResource', id: 1 },
            diagnostics: { rule: 'repeated', type: 'Diagnostic', id: 2 },
            deferred: { type: 'Deferred', id: 3 },
          },
        },
      },
    },
    MoveResourceState: {
      fields: {},
      nested: {
        Request: {
          fields: {
            source_provider_address: { type: 'string', id: 1 },
            source_type_name: { type: 'string', id: 2 },
            source_schema_version: { type: 'int64', id: 3 },
            source_state: { type: 'RawState', id: 4 },
            target_type_name: { type: 'string', id: 5 },
            source_private: { type: 'bytes', id: 6 },
          },
        },
        Response: {
          fields: {
            target_state: { type: 'DynamicValue', id: 1 },
            diagnostics: { rule: 'repeated', type: 'Diagnostic', id: 2 },
            target_private: { type: 'bytes', id: 3 },
          },
        },
      },
    },
    ReadDataSource: {
      fields: {},
      nested: {
        Request: {
          fields: {
            type_name: { type: 'string', id: 1 },
            config: { type: 'DynamicValue', id: 2 },
            provider_meta: { type: 'DynamicValue', id: 3 },
            client_capabilities: { type: 'ClientCapabilities', id: 4 },
          },
        },
        Response: {
          fields: {
            state: { type: 'DynamicValue', id: 1 },
            diagnostics: { rule: 'repeated', type: 'Diagnostic', id: 2 },
            deferred: { type: 'Deferred', id: 3 },
          },
        },
      },
    },
    OpenEphemeralResource: {
      fields: {},
      nested: {
        Request: {
          fields: {
            type_name: { type: 'string', id: 1 },
            config: { type: 'DynamicValue', id: 2 },
            client_capabilities: { type: 'ClientCapabilities', id: 3 },
          },
        },
        Response: {
          oneofs: {
            _renew_at: { oneof: ['renew_at'] },
            _private: { oneof: ['private'] },
          },
          fields: {
            diagnostics: { rule: 'repeated', type: 'Diagnostic', id: 1 },
            renew_at: { type: 'google.protobuf.Timestamp', id: 2, options: { proto3_optional: true } },
            result: { type: 'DynamicValue', id: 3 },
            private: { type: 'bytes', id: 4, options: { proto3_optional: true } },
            deferred: { type: 'Deferred', id: 5 },
          },
        },
      },
    },
    RenewEphemeralResource: {
      fields: {},
      nested: {
        Request: {
          oneofs: { _private: { oneof: ['private'] } },
          fields: {
            type_name: { type: 'string', id: 1 },
            private: { type: 'bytes', id: 2, options: { proto3_optional: true } },
          },
        },
        Response: {
          oneofs: {
            _renew_at: { oneof: ['renew_at'] },
            _private: { oneof: ['private'] },
          },
          fields: {
            diagnostics: { rule: 'repeated', type: 'Diagnostic', id: 1 },
            renew_at: { type: 'google.protobuf.Timestamp', id: 2, options: { proto3_optional: true } },
            private: { type: 'bytes', id: 3, options: { proto3_optional: true } },
          },
        },
      },
    },
    CloseEphemeralResource: {
      fields: {},
      nested: {
        Request: {
          oneofs: { _private: { oneof: ['private'] } },
          fields: {
            type_name: { type: 'string', id: 1 },
            private: { type: 'bytes', id: 2, options: { proto3_optional: true } },
          },
        },
        Response: { fields: { diagnostics: { rule: 'repeated', type: 'Diagnostic', id: 1 } } },
      },
    },
    GetFunctions: {
      fields: {},
      nested: {
        Request: { fields: {} },
        Response: {
          fields: {
            functions: mapField({ keyType: 'string', type: 'Function', id: 1 }),
            diagnostics: { rule: 'repeated', type: 'Diagnostic', id: 2 },
          },
        },
      },
    },
    CallFunction: {
      fields: {},
      nested: {
        Request: {
          fields: {
            name: { type: 'string', id: 1 },
            arguments: { rule: 'repeated', type: 'DynamicValue', id: 2 },
          },
        },
        Response: {
          fields: {
            result: { type: 'DynamicValue', id: 1 },
            error: { type: 'FunctionError', id: 2 },
          },
        },
      },
    },
  },
};
