// Command temporal-dev-server runs a single-process Temporal server (frontend, history, matching and
// worker services) that keeps everything — workflow histories, timers, task queues and visibility —
// in one SQLite file, so running annual cycles survive a restart of Kaohe's embedded default
// (issue 8). It is built once by runtime/temporalDevServer.ts into .kaohe/temporal-server/ and
// started as a child process; production uses a real Temporal cluster instead (docker-compose.yml).
//
// It follows the shape of Temporal's own `temporal server start-dev`: SQLite persistence with the
// schema created on first use, namespaces registered before the server starts, the internal
// services on free loopback ports and only the frontend on a fixed port.
package main

import (
	"flag"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"time"

	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/cluster"
	"go.temporal.io/server/common/config"
	"go.temporal.io/server/common/dynamicconfig"
	"go.temporal.io/server/common/log"
	"go.temporal.io/server/common/membership/static"
	sqliteplugin "go.temporal.io/server/common/persistence/sql/sqlplugin/sqlite"
	"go.temporal.io/server/common/primitives"
	sqliteschema "go.temporal.io/server/schema/sqlite"
	"go.temporal.io/server/temporal"
	"google.golang.org/protobuf/types/known/durationpb"
)

const (
	clusterName = "active"
	storeName   = "sqlite-default"
)

type options struct {
	ip              string
	port            int
	httpPort        int
	dbFile          string
	namespaces      []string
	retentionDays   int
	logLevel        string
	logFile         string
	clusterID       string
	initialFailover int64
}

type stringList []string

func (l *stringList) String() string     { return fmt.Sprint(*l) }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	var opts options
	var namespaces stringList
	flag.StringVar(&opts.ip, "ip", "127.0.0.1", "IP address the services bind to")
	flag.IntVar(&opts.port, "port", 7233, "gRPC port of the frontend")
	flag.IntVar(&opts.httpPort, "http-port", 0, "HTTP port of the frontend (0: a free port)")
	flag.StringVar(&opts.dbFile, "db", "", "SQLite database file (created with its schema when missing)")
	flag.Var(&namespaces, "namespace", "namespace registered at start (repeatable; default: default)")
	flag.IntVar(&opts.retentionDays, "retention-days", 30, "how long closed workflows are kept")
	flag.StringVar(&opts.logLevel, "log-level", "warn", "debug, info, warn or error")
	flag.StringVar(&opts.logFile, "log-file", "", "write the server log to this file instead of stderr")
	flag.Parse()
	opts.namespaces = namespaces
	if len(opts.namespaces) == 0 {
		opts.namespaces = []string{"default"}
	}
	// A fixed cluster id (a UUID, as the server requires) keeps the cluster metadata stored in the SQLite file valid across restarts.
	opts.clusterID = "6b616f68-652d-4000-8000-74656d706f72"
	opts.initialFailover = 1

	if err := run(opts); err != nil {
		fmt.Fprintf(os.Stderr, "temporal-dev-server: %v\n", err)
		os.Exit(1)
	}
}

func run(opts options) error {
	if opts.dbFile == "" {
		return fmt.Errorf("-db is required: the point of this server is a persistent SQLite file")
	}
	if opts.httpPort == 0 {
		p, err := freePort(opts.ip)
		if err != nil {
			return err
		}
		opts.httpPort = p
	}
	sqlConf, err := prepareDatabase(opts)
	if err != nil {
		return err
	}
	conf, err := serverConfig(opts, sqlConf)
	if err != nil {
		return err
	}

	logger := log.NewZapLogger(log.BuildZapLogger(log.Config{
		Level:      opts.logLevel,
		Format:     "json",
		OutputFile: opts.logFile,
	}))
	authorizer, err := authorization.GetAuthorizerFromConfig(&conf.Global.Authorization)
	if err != nil {
		return fmt.Errorf("authorizer: %w", err)
	}
	claimMapper, err := authorization.GetClaimMapperFromConfig(&conf.Global.Authorization, logger)
	if err != nil {
		return fmt.Errorf("claim mapper: %w", err)
	}
	hosts := map[primitives.ServiceName]static.Hosts{}
	for _, name := range temporal.DefaultServices {
		hosts[primitives.ServiceName(name)] = static.SingleLocalHost(
			net.JoinHostPort(opts.ip, fmt.Sprint(conf.Services[name].RPC.GRPCPort)))
	}
	dynamic := dynamicconfig.StaticClient{
		// Visibility (ListWorkflowExecutions) is served from the same SQLite file; the default
		// per-namespace rate is tuned for clusters, not for one office.
		dynamicconfig.FrontendMaxNamespaceVisibilityRPSPerInstance.Key(): 100,
	}

	server, err := temporal.NewServer(
		temporal.WithConfig(conf),
		temporal.ForServices(temporal.DefaultServices),
		temporal.WithStaticHosts(hosts),
		temporal.WithLogger(logger),
		temporal.WithAuthorizer(authorizer),
		temporal.WithClaimMapper(func(*config.Config) authorization.ClaimMapper { return claimMapper }),
		temporal.WithDynamicConfigClient(dynamic),
	)
	if err != nil {
		return fmt.Errorf("building the server: %w", err)
	}
	if err := server.Start(); err != nil {
		return fmt.Errorf("starting the server: %w", err)
	}
	// One line on stdout for the parent process; readiness itself is checked over gRPC.
	fmt.Printf("temporal-dev-server listening on %s (db %s)\n",
		net.JoinHostPort(opts.ip, fmt.Sprint(opts.port)), opts.dbFile)

	select {
	case <-temporal.InterruptCh():
	case <-parentGone():
		fmt.Fprintln(os.Stderr, "temporal-dev-server: the process that started it is gone; stopping")
	}
	stopped := make(chan error, 1)
	go func() { stopped <- server.Stop() }()
	select {
	case err := <-stopped:
		if err != nil {
			return fmt.Errorf("stopping the server: %w", err)
		}
	case <-time.After(20 * time.Second):
		return fmt.Errorf("the server did not stop within 20 s")
	}
	return nil
}

// prepareDatabase creates the SQLite schema when the file is new and registers the namespaces
// (a no-op for those already there), before the server starts — as the dev server does, because
// the server itself never creates a SQLite schema.
func prepareDatabase(opts options) (*config.SQL, error) {
	dbFile, err := filepath.Abs(opts.dbFile)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(dbFile), 0o755); err != nil {
		return nil, fmt.Errorf("creating the folder of %s: %w", dbFile, err)
	}
	sqlConf := &config.SQL{
		PluginName:   sqliteplugin.PluginName,
		DatabaseName: dbFile,
		ConnectAttributes: map[string]string{
			"mode": "rwc",
			// WAL keeps readers (visibility) from blocking the history writer.
			"journal_mode": "wal",
		},
	}
	if _, err := os.Stat(dbFile); os.IsNotExist(err) {
		if err := sqliteschema.SetupSchema(sqlConf); err != nil {
			_ = os.Remove(dbFile)
			return nil, fmt.Errorf("creating the schema in %s: %w", dbFile, err)
		}
	} else if err != nil {
		return nil, err
	}
	namespaces := make([]*sqliteschema.NamespaceConfig, 0, len(opts.namespaces))
	for _, name := range opts.namespaces {
		ns, err := sqliteschema.NewNamespaceConfig(clusterName, name, false, nil)
		if err != nil {
			return nil, fmt.Errorf("namespace %q: %w", name, err)
		}
		ns.Detail.Config.Retention = durationpb.New(time.Duration(opts.retentionDays) * 24 * time.Hour)
		namespaces = append(namespaces, ns)
	}
	if err := sqliteschema.CreateNamespaces(sqlConf, namespaces...); err != nil {
		return nil, fmt.Errorf("registering namespaces: %w", err)
	}
	return sqlConf, nil
}

func serverConfig(opts options, sqlConf *config.SQL) (*config.Config, error) {
	var conf config.Config
	conf.Global.Membership.MaxJoinDuration = 30 * time.Second
	conf.Global.Membership.BroadcastAddress = opts.ip
	conf.Persistence.DefaultStore = storeName
	conf.Persistence.VisibilityStore = storeName
	conf.Persistence.NumHistoryShards = 1
	conf.Persistence.DataStores = map[string]config.DataStore{storeName: {SQL: sqlConf}}

	frontend := net.JoinHostPort(opts.ip, fmt.Sprint(opts.port))
	conf.ClusterMetadata = &cluster.Config{
		EnableGlobalNamespace:    false,
		FailoverVersionIncrement: 10,
		MasterClusterName:        clusterName,
		CurrentClusterName:       clusterName,
		ClusterInformation: map[string]cluster.ClusterInformation{
			clusterName: {
				Enabled:                true,
				InitialFailoverVersion: opts.initialFailover,
				RPCAddress:             frontend,
				HTTPAddress:            net.JoinHostPort(opts.ip, fmt.Sprint(opts.httpPort)),
				ClusterID:              opts.clusterID,
			},
		},
	}
	conf.DCRedirectionPolicy.Policy = "noop"
	conf.Services = map[string]config.Service{}
	for _, name := range temporal.DefaultServices {
		var svc config.Service
		svc.RPC.BindOnIP = opts.ip
		if name == string(primitives.FrontendService) {
			svc.RPC.GRPCPort = opts.port
			svc.RPC.HTTPPort = opts.httpPort
		} else {
			p, err := freePort(opts.ip)
			if err != nil {
				return nil, err
			}
			svc.RPC.GRPCPort = p
		}
		conf.Services[name] = svc
	}
	conf.Archival.History.State = "disabled"
	conf.Archival.Visibility.State = "disabled"
	conf.NamespaceDefaults.Archival.History.State = "disabled"
	conf.NamespaceDefaults.Archival.Visibility.State = "disabled"
	conf.PublicClient.HostPort = frontend
	return &conf, nil
}

// parentGone closes when this process is re-parented, i.e. the Kaohe process that started it died
// without stopping it (killed, crashed): a server left behind would hold the port and the SQLite file.
func parentGone() <-chan struct{} {
	gone := make(chan struct{})
	parent := os.Getppid()
	go func() {
		for range time.Tick(time.Second) {
			if os.Getppid() != parent {
				close(gone)
				return
			}
		}
	}()
	return gone
}

func freePort(ip string) (int, error) {
	l, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err != nil {
		return 0, fmt.Errorf("finding a free port: %w", err)
	}
	defer func() { _ = l.Close() }()
	return l.Addr().(*net.TCPAddr).Port, nil
}
