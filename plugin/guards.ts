/**
 * Process-level behaviour of the plugin, as the dynamic-provider host gets from provider/host: a
 * signal stops every wait and ends the process, and the process ends when the engine that started
 * it is gone (a killed CLI records nothing more). The engine's Cancel reaches the provider's
 * `cancel` (provider.ts).
 */
import { cancelProcess } from "../provider/host/cancellation";
import { exitWhenEngineGone, parseEngineAddress, watchEngine } from "../provider/host/engineWatchdog";

function onSignal(signal: NodeJS.Signals): void {
    cancelProcess(`this provider process received ${signal}`);
    process.exit(0);
}

/** startPluginGuards installs the signal handlers and the engine watchdog. */
export function startPluginGuards(engineArg: string | undefined): void {
    process.once("SIGTERM", onSignal);
    process.once("SIGINT", onSignal);
    const engine = parseEngineAddress(engineArg);
    if (engine) watchEngine({ address: engine }, exitWhenEngineGone);
}
