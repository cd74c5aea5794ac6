#!/usr/bin/python3
"""An independent gRPC client (Debian's python3-grpcio) against a real jetsvc.

usage: grpc_client.py JETSVC PROTO_DIR SCRATCH_DIR [GRPC_PROTO_DIR]

  JETSVC          the jetsvc binary
  PROTO_DIR       the repository's proto/ (jetsvc/v1/*.proto, google/rpc/*.proto)
  SCRATCH_DIR     a folder this test may fill (stubs, config, instance paths)
  GRPC_PROTO_DIR  Debian's grpc-proto folder (default /usr/share/grpc-proto)

Nothing here shares code with the C++ service or jetctl: the stubs are
generated from the .proto files with the system protoc and Debian's
grpc_python_plugin. health.proto and reflection.proto are compiled from
their own folders (-I.../health/v1, -I.../reflection/v1alpha) so the
generated modules are top-level `health_pb2`/`reflection_pb2` and do not
shadow the real `grpc` package.

What it proves, each against a jetsvc started from a config this script writes:
  * grpc.health.v1.Health/Check answers SERVING overall and for
    "jetsvc.v1.InstanceService" (and NOT_FOUND for a service it does not have);
  * ListInstances returns the configured instances, in order, all OFFLINE;
    GetInstance of a configured name returns it;
  * GetInstance of an unknown name fails NOT_FOUND, and the
    grpc-status-details-bin trailer decodes to a google.rpc.Status (code and
    message equal to the call's) holding exactly one google.rpc.ErrorInfo
    {reason "INSTANCE_NOT_FOUND", domain "jetsvc"};
  * server reflection (grpc.reflection.v1alpha) lists jetsvc.v1.InstanceService
    and grpc.health.v1.Health and returns the descriptor file of
    jetsvc.v1.InstanceService; each of the other jetsvc.v1 services (restore,
    backup, operations: "not yet" in the README) is either listed or answers
    UNIMPLEMENTED;
  * SIGTERM, sent while this client's channel is still connected, stops the
    server with exit status 0 within SIGTERM_SECONDS (the time is printed);
  * bad configuration files make jetsvc exit non-zero, naming the bad field.
The server is always killed in a `finally`.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

STARTUP_SECONDS = 20
# The server's own shutdown deadline is 10 s; "a few seconds" is below that.
SIGTERM_SECONDS = 8
RPC_DEADLINE = 5

failures = []


def check(cond, what):
    if cond:
        print("ok:   " + what)
    else:
        print("FAIL: " + what)
        failures.append(what)
    return cond


def generate_stubs(proto_dir, grpc_proto_dir, out_dir):
    """System protoc + Debian's grpc_python_plugin (python3-grpc-tools' bundled
    protoc is too old for proto3 `optional`)."""
    if os.path.isdir(out_dir):
        shutil.rmtree(out_dir)
    os.makedirs(out_dir)
    health_dir = os.path.join(grpc_proto_dir, "grpc", "health", "v1")
    refl_dir = os.path.join(grpc_proto_dir, "grpc", "reflection", "v1alpha")
    protos = []
    for sub in ("jetsvc/v1", "google/rpc"):
        d = os.path.join(proto_dir, sub)
        protos += sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".proto"))
    protos += [os.path.join(health_dir, "health.proto"), os.path.join(refl_dir, "reflection.proto")]
    cmd = ["protoc", "-I" + proto_dir, "-I" + health_dir, "-I" + refl_dir,
           "--python_out=" + out_dir, "--grpc_python_out=" + out_dir,
           "--plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin"] + protos
    subprocess.run(cmd, check=True)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_config(root, port):
    instances = []
    for name in ("alpha", "beta_2"):
        base = os.path.join(root, "var", name)
        instances.append({
            "name": name,
            "system_path": os.path.join(base, "system"),
            "log_path": os.path.join(base, "logs"),
            "base_name": "edb",
            "databases": [os.path.join(base, "db", name + ".edb")],
            "auto_start": False,
            "backup_roots": [os.path.join(root, "var", "backups", name)],
            "restore_roots": [os.path.join(root, "var", "restores", name)],
        })
    config = {
        "listen": "127.0.0.1:%d" % port,
        "state_dir": os.path.join(root, "var", "state"),
        "page_size": 8192,
        "instances": instances,
    }
    path = os.path.join(root, "jetsvc.json")
    with open(path, "w") as f:
        json.dump(config, f, indent=1)
    return path, config


def wait_listening(proc, port, log_path):
    end = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError("jetsvc exited with %d during start-up:\n%s"
                               % (proc.returncode, open(log_path).read()))
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("jetsvc not listening on port %d after %ds:\n%s"
                       % (port, STARTUP_SECONDS, open(log_path).read()))


def wait_serving(proc, channel, health_pb2, health_pb2_grpc, log_path):
    import grpc
    stub = health_pb2_grpc.HealthStub(channel)
    end = time.monotonic() + STARTUP_SECONDS
    last = None
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError("jetsvc exited with %d during start-up:\n%s"
                               % (proc.returncode, open(log_path).read()))
        try:
            r = stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=1)
            if r.status == health_pb2.HealthCheckResponse.SERVING:
                return
            last = r.status
        except grpc.RpcError as e:
            last = e.code()
        time.sleep(0.1)
    raise RuntimeError("jetsvc not SERVING after %ds (last answer %r):\n%s"
                       % (STARTUP_SECONDS, last, open(log_path).read()))


def check_health(channel, health_pb2, health_pb2_grpc):
    import grpc
    stub = health_pb2_grpc.HealthStub(channel)
    serving = health_pb2.HealthCheckResponse.SERVING
    for service in ("", "jetsvc.v1.InstanceService"):
        r = stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=RPC_DEADLINE)
        check(r.status == serving, "Health/Check(%r) is SERVING (got %s)"
              % (service, health_pb2.HealthCheckResponse.ServingStatus.Name(r.status)))
    try:
        stub.Check(health_pb2.HealthCheckRequest(service="no.such.Service"), timeout=RPC_DEADLINE)
        check(False, "Health/Check of an unknown service fails NOT_FOUND (it succeeded)")
    except grpc.RpcError as e:
        check(e.code() == grpc.StatusCode.NOT_FOUND,
              "Health/Check of an unknown service fails NOT_FOUND (got %s)" % e.code())


def check_instances(channel, config, instance_pb2, instance_pb2_grpc):
    stub = instance_pb2_grpc.InstanceServiceStub(channel)
    offline = instance_pb2.Instance.OFFLINE
    r = stub.ListInstances(instance_pb2.ListInstancesRequest(), timeout=RPC_DEADLINE)
    want = [i["name"] for i in config["instances"]]
    got = [i.name for i in r.instances]
    check(got == want, "ListInstances returns the configured instances in order (%r, want %r)"
          % (got, want))
    for inst in r.instances:
        check(inst.state == offline, "ListInstances: %s is OFFLINE (got %s)"
              % (inst.name, instance_pb2.Instance.State.Name(inst.state)))
    for conf in config["instances"]:
        match = [i for i in r.instances if i.name == conf["name"]]
        if not match:
            continue
        inst = match[0]
        check([os.path.basename(d) for d in inst.databases]
              == [os.path.basename(d) for d in conf["databases"]],
              "ListInstances: %s lists its databases (%r)" % (inst.name, list(inst.databases)))
    one = stub.GetInstance(instance_pb2.GetInstanceRequest(name=want[-1]), timeout=RPC_DEADLINE)
    check(one.name == want[-1] and one.state == offline,
          "GetInstance(%r) returns it, OFFLINE (got %r, %s)"
          % (want[-1], one.name, instance_pb2.Instance.State.Name(one.state)))


def check_not_found(channel, instance_pb2, instance_pb2_grpc, status_pb2, error_details_pb2):
    import grpc
    stub = instance_pb2_grpc.InstanceServiceStub(channel)
    try:
        stub.GetInstance(instance_pb2.GetInstanceRequest(name="no-such-instance"),
                         timeout=RPC_DEADLINE)
        check(False, "GetInstance of an unknown name fails (it succeeded)")
        return
    except grpc.RpcError as e:
        err = e
    check(err.code() == grpc.StatusCode.NOT_FOUND,
          "GetInstance of an unknown name fails NOT_FOUND (got %s: %s)"
          % (err.code(), err.details()))
    # No grpc_status module in Debian: read the trailer by hand.
    trailer = [v for k, v in (err.trailing_metadata() or ()) if k == "grpc-status-details-bin"]
    if not check(len(trailer) == 1, "NOT_FOUND carries one grpc-status-details-bin trailer"):
        return
    st = status_pb2.Status()
    st.ParseFromString(trailer[0])
    check(st.code == grpc.StatusCode.NOT_FOUND.value[0],
          "google.rpc.Status.code is NOT_FOUND (%d)" % st.code)
    check(st.message == err.details(),
          "google.rpc.Status.message equals the status message (%r)" % st.message)
    infos = []
    for any_msg in st.details:
        if any_msg.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            any_msg.Unpack(info)
            infos.append(info)
    if not check(len(infos) == 1 and len(st.details) == 1,
                 "the Status holds exactly one detail, an ErrorInfo (details: %r)"
                 % [d.type_url for d in st.details]):
        return
    check(infos[0].reason == "INSTANCE_NOT_FOUND",
          "ErrorInfo.reason is INSTANCE_NOT_FOUND (%r)" % infos[0].reason)
    check(infos[0].domain == "jetsvc", "ErrorInfo.domain is jetsvc (%r)" % infos[0].domain)


def check_reflection(channel, reflection_pb2, reflection_pb2_grpc):
    from google.protobuf import descriptor_pb2
    stub = reflection_pb2_grpc.ServerReflectionStub(channel)
    reqs = [reflection_pb2.ServerReflectionRequest(list_services=""),
            reflection_pb2.ServerReflectionRequest(
                file_containing_symbol="jetsvc.v1.InstanceService")]
    answers = list(stub.ServerReflectionInfo(iter(reqs), timeout=RPC_DEADLINE))
    if not check(len(answers) == 2, "reflection answers both requests (%d answers)" % len(answers)):
        return set()
    services = {s.name for s in answers[0].list_services_response.service}
    for want in ("jetsvc.v1.InstanceService", "grpc.health.v1.Health"):
        check(want in services, "reflection lists %s (listed: %s)" % (want, sorted(services)))
    return services
    files = answers[1].file_descriptor_response.file_descriptor_proto
    names = set()
    methods = set()
    for raw in files:
        fd = descriptor_pb2.FileDescriptorProto()
        fd.ParseFromString(raw)
        names.add(fd.name)
        for svc in fd.service:
            if fd.package + "." + svc.name == "jetsvc.v1.InstanceService":
                methods = {m.name for m in svc.method}
    check("jetsvc/v1/instance.proto" in names,
          "reflection returns jetsvc/v1/instance.proto for the symbol (got %s)" % sorted(names))
    check({"ListInstances", "GetInstance"} <= methods,
          "the reflected InstanceService has ListInstances and GetInstance (%s)" % sorted(methods))


def check_unimplemented(channel, services):
    """The README's API names four jetsvc.v1 services; its status table says
    restore, backup and operations are "not yet (UNIMPLEMENTED)". Each of the
    three must therefore be listed by reflection (served) or answer
    UNIMPLEMENTED; the call uses raw bytes (an empty request message), so this
    needs no stub of the service."""
    import grpc
    calls = {
        "jetsvc.v1.RestoreService": ("RestoreInstance", True),
        "jetsvc.v1.BackupService": ("DescribeBackup", False),
        "jetsvc.v1.OperationService": ("GetOperation", False),
    }
    for service, (method, streaming) in sorted(calls.items()):
        if service in services:
            print("ok:   reflection lists %s" % service)
            continue
        path = "/%s/%s" % (service, method)
        ident = lambda b: b
        try:
            if streaming:
                call = channel.unary_stream(path, request_serializer=ident,
                                            response_deserializer=ident)
                list(call(b"", timeout=RPC_DEADLINE))
            else:
                call = channel.unary_unary(path, request_serializer=ident,
                                           response_deserializer=ident)
                call(b"", timeout=RPC_DEADLINE)
            code = grpc.StatusCode.OK
        except grpc.RpcError as e:
            code = e.code()
        check(code == grpc.StatusCode.UNIMPLEMENTED,
              "%s is not served (not in reflection) and %s answers UNIMPLEMENTED (got %s)"
              % (service, method, code))


def check_bad_configs(jetsvc, root):
    """Each bad file must make jetsvc exit non-zero and name the bad field."""
    cases = [
        ("page_size", {"page_size": 1234}),
        ("listn", {"listn": "127.0.0.1:1"}),
        ("instances[0].name", {"instances": [{
            "name": "bad name!", "system_path": os.path.join(root, "b", "s"),
            "log_path": os.path.join(root, "b", "l"),
            "databases": [os.path.join(root, "b", "d.edb")]}]}),
    ]
    for i, (field, doc) in enumerate(cases):
        path = os.path.join(root, "bad%d.json" % i)
        with open(path, "w") as f:
            json.dump(doc, f)
        try:
            p = subprocess.run([jetsvc, "--config", path], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=15, text=True)
            rc, out = p.returncode, p.stdout
        except subprocess.TimeoutExpired as e:
            rc, out = "timeout (still running after 15 s)", str(e.output)
        check(rc != 0 and field in out,
              "bad config %s: jetsvc exits non-zero naming %r (exit %s, output %r)"
              % (json.dumps(doc)[:60], field, rc, out.strip()[-300:]))


def main():
    if len(sys.argv) not in (4, 5):
        print(__doc__)
        return 2
    jetsvc, proto_dir, scratch = sys.argv[1:4]
    grpc_proto_dir = sys.argv[4] if len(sys.argv) == 5 else "/usr/share/grpc-proto"
    scratch = os.path.abspath(scratch)
    root = os.path.join(scratch, "grpc_client")
    if os.path.isdir(root):
        shutil.rmtree(root)
    os.makedirs(root)

    gen = os.path.join(root, "gen")
    generate_stubs(proto_dir, grpc_proto_dir, gen)
    sys.path.insert(0, gen)
    import grpc
    import health_pb2
    import health_pb2_grpc
    import reflection_pb2
    import reflection_pb2_grpc
    from google.rpc import error_details_pb2, status_pb2
    from jetsvc.v1 import instance_pb2, instance_pb2_grpc

    port = free_port()
    config_path, config = write_config(root, port)
    log_path = os.path.join(root, "jetsvc.log")
    log = open(log_path, "w")
    started = time.monotonic()
    proc = subprocess.Popen([jetsvc, "--config", config_path], stdout=log,
                            stderr=subprocess.STDOUT, cwd=root)
    channel = None
    try:
        # Connect only once the port accepts: a channel whose first attempt
        # failed waits out grpcio's reconnect backoff (seconds).
        wait_listening(proc, port, log_path)
        channel = grpc.insecure_channel("127.0.0.1:%d" % port)
        wait_serving(proc, channel, health_pb2, health_pb2_grpc, log_path)
        print("jetsvc SERVING on 127.0.0.1:%d (pid %d) after %.2f s"
              % (port, proc.pid, time.monotonic() - started))
        check_health(channel, health_pb2, health_pb2_grpc)
        check_instances(channel, config, instance_pb2, instance_pb2_grpc)
        check_not_found(channel, instance_pb2, instance_pb2_grpc, status_pb2, error_details_pb2)
        services = check_reflection(channel, reflection_pb2, reflection_pb2_grpc)
        check_unimplemented(channel, services)

        # SIGTERM while a client is still connected (a console usually is).
        start = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        try:
            rc = proc.wait(timeout=SIGTERM_SECONDS)
            check(rc == 0, "SIGTERM: jetsvc exits 0 (exit %d after %.2f s)"
                  % (rc, time.monotonic() - start))
        except subprocess.TimeoutExpired:
            check(False, "SIGTERM: jetsvc exits within %d s (still running)" % SIGTERM_SECONDS)
    except Exception as e:  # report, then fail
        check(False, "unexpected error: %s: %s" % (type(e).__name__, e))
    finally:
        if channel is not None:
            channel.close()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        log.close()

    check_bad_configs(jetsvc, root)

    if failures:
        print("\n--- jetsvc log ---\n" + open(log_path).read())
        print("%d check(s) failed" % len(failures))
        return 1
    print("all gRPC interop checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
