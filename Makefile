# Entry points; the scripts under hack/ do the work.
.PHONY: test bench bench-e2e bench-peers

# Everything CI runs (gofmt, vet, race tests, e2e, peers, fuzz): see docs/testing.md.
test:
	hack/test.sh

# The scale benchmarks of docs/performance.md, S and L fleets, printed as a table.
# MCGTUI_BENCH_SIZES=S keeps to the small fleet (L needs some 8 GiB and ten minutes).
bench:
	hack/bench.sh

# The end-to-end measurements against real kube-apiservers (docs/performance.md): the scale
# run, and entering a cluster through cluster-proxy against a direct context.
bench-e2e:
	KUBEBUILDER_ASSETS=$$(hack/testbin/build.sh k8s) MCGTUI_SCALE_E2E=1 \
		go test ./test/scale -run TestScale -v -count=1 -timeout 3h
	KUBEBUILDER_ASSETS=$$(hack/testbin/build.sh k8s) \
		go test ./test/e2e -run '^$$' -bench EnterCluster -benchtime 10x -count=1 -timeout 30m

# mcgtui beside k9s on one real API server with 20,000 Applications (docs/performance.md).
# Builds k9s and the API server when missing; slow (about 30 minutes); not part of .ci/run.
bench-peers:
	hack/bench-peers.sh
