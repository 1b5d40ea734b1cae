# One sample service (services/<PROJECT>), e.g. Stock.Api, Esg.Api or Finance.Api. Build context: the repository root:
#   docker build -f deploy/docker/service.Dockerfile --build-arg PROJECT=Stock.Api -t ocelot-fleet/stock .
# With Consul__Address set, the service registers itself in Consul (with an HTTP check on /health/ready) and deregisters on stop.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
WORKDIR /src
RUN test -n "$PROJECT" || { echo "set --build-arg PROJECT=Stock.Api (or Esg.Api, Finance.Api)" >&2; exit 1; }
# Project files first: the restore layer is reused until a dependency or package version changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY services/Samples.ServiceDefaults/Samples.ServiceDefaults.csproj services/Samples.ServiceDefaults/
COPY services/${PROJECT}/${PROJECT}.csproj services/${PROJECT}/
RUN dotnet restore services/${PROJECT}/${PROJECT}.csproj
COPY services/Samples.ServiceDefaults/ services/Samples.ServiceDefaults/
COPY services/${PROJECT}/ services/${PROJECT}/
RUN dotnet publish services/${PROJECT}/${PROJECT}.csproj -c Release --no-restore -p:UseAppHost=false -o out

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
ARG PROJECT
WORKDIR /app
COPY --from=build /src/out ./
# Plain Urls (not ASPNETCORE_URLS): it is read after appsettings.json, whose loopback Urls would otherwise win.
ENV ASPNETCORE_ENVIRONMENT=Production \
    Urls=http://+:8080 \
    SERVICE_ASSEMBLY=${PROJECT}.dll
EXPOSE 8080
# The runtime image's non-root user (uid 1654).
USER $APP_UID
# The image has no curl or wget; bash's /dev/tcp asks /health/ready.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/ready HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# exec: dotnet becomes PID 1 and gets SIGTERM, so the service deregisters from Consul on docker stop.
ENTRYPOINT ["/bin/sh", "-c", "exec dotnet \"/app/$SERVICE_ASSEMBLY\""]
