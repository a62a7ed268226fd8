/** The `credform` command. Each subcommand loads only what it needs, so none pays for the others. */
const USAGE = `usage: credform <command>

  provider                 serve the Terraform provider (Terraform runs this; by hand it explains and exits 1)
  install [--dir DIR]      install the provider into a local mirror (default ./terraform.d/plugins)
  simulate [--host H] [--seed FILE] [--state-file FILE] [--faults FILE]
                           run the DX, Apinizer, OX and Tines simulators; first stdout line is JSON
  plan-summary <PLAN.json | DIR> [--diagnostics FILE] [--stack NAME]
                           Markdown summary of a plan for a pull request; exit 0 no changes, 2 changes, 1 errors
  version                  print the version
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'provider': {
      const { serveCredformProvider } = await import('./provider-entry');
      return serveCredformProvider();
    }
    case 'install': {
      const { runInstallCommand } = await import('./install');
      return runInstallCommand(rest);
    }
    case 'simulate': {
      const { runSimulateCommand } = await import('../simulators/cli');
      return runSimulateCommand(rest);
    }
    case 'plan-summary': {
      const { runPlanSummary } = await import('./plan-summary/run');
      return runPlanSummary(rest);
    }
    case 'version':
    case '--version': {
      const { VERSION } = await import('../version');
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`credform: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
      return 2;
  }
}
