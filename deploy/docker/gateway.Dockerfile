# The gateway host (gateway/OcelotGateway.Host). Build context: the repository root, so Directory.*.props and global.json apply:
#   docker build -f deploy/docker/gateway.Dockerfile -t ocelot-fleet/gateway .
# The image carries the Production route files (ocelot/production) in /app/ocelot; mount another folder there to change them.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# NATIVE=true publishes one native (AOT) executable instead: no JIT, smaller and steady from its first second, but nothing
# loaded at run time (docs/deployment.md, "Native build"). It needs clang and zlib's headers to link, installed only then;
# its separate debug symbols (*.dbg, about 120 MB) stay out of the image.
#   docker build -f deploy/docker/gateway.Dockerfile --build-arg NATIVE=true -t ocelot-fleet/gateway:native .
ARG NATIVE=false
RUN if [ "$NATIVE" = "true" ]; then \
      apt-get update && apt-get install -y --no-install-recommends clang zlib1g-dev && rm -rf /var/lib/apt/lists/*; \
    fi
WORKDIR /src
# Project files first: the restore layer is reused until a dependency or package version changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY gateway/OcelotGateway/OcelotGateway.csproj gateway/OcelotGateway/
COPY gateway/OcelotGateway.Host/OcelotGateway.Host.csproj gateway/OcelotGateway.Host/
# Self-contained for the platform being built (--use-current-runtime): the host project then publishes one ReadyToRun
# composite image of the framework and the gateway, so a new replica answers without JIT-compiling first
# (benchmarks/RESULTS.md, finding 6).
RUN dotnet restore gateway/OcelotGateway.Host/OcelotGateway.Host.csproj --use-current-runtime -p:SelfContained=true -p:PublishAot=$NATIVE
COPY gateway/ gateway/
RUN dotnet publish gateway/OcelotGateway.Host/OcelotGateway.Host.csproj -c Release --no-restore --use-current-runtime --self-contained \
      -p:PublishAot=$NATIVE -o out \
 && rm -f out/*.dbg

# The framework travels in the app (self-contained), so the final stage needs only its native dependencies.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS final
WORKDIR /app
COPY --from=build /src/out ./
COPY ocelot/production/ ocelot/
COPY ocelot/schema/ schema/
# Plain Urls (not ASPNETCORE_URLS): it is read after appsettings.json, whose loopback Urls would otherwise win.
ENV ASPNETCORE_ENVIRONMENT=Production \
    Urls=http://+:8080 \
    Gateway__ConfigFolder=/app/ocelot
EXPOSE 8080
# The runtime image's non-root user (uid 1654).
USER $APP_UID
# The image has no curl or wget; bash's /dev/tcp asks /health/ready (200 once a valid configuration is loaded).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/ready HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["/app/OcelotGateway.Host"]
