export { CommandGateway, type CommandOutcome, recordDocument } from "@koban/command-gateway";
