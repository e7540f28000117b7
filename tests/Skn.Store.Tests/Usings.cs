// Skn.V1 has wire messages of the same names as the store's results; in these tests they are the store's.
global using AcknowledgeResult = Skn.Domain.Storage.AcknowledgeResult;
global using SendResult = Skn.Domain.Storage.SendResult;
