using Mosaic.Server;

var app = MosaicServer.Create(args);
await app.RunAsync();
