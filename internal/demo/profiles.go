package demo

import (
	"fmt"
	"strings"
)

// profile is what distinguishes one cluster from another before any object is generated.
type profile struct {
	name                string
	cloud               string // ACM cloud label
	platform            string // platform.open-cluster-management.io claim
	region              string
	zones               []string
	openshift, kube     string
	clusterSet          string
	hub, noAccess       bool
	eso                 []string // served external-secrets.io versions, storage version first
	argoResourceHealth  bool     // Argo CD 2.x stores status.resources[].health; 3.x does not
	scenarios           scenario
	generatedDriftRatio float64 // share of apps left OutOfSync on generated clusters
}

// scenario flags place the default fleet's trouble on named clusters.
type scenario uint16

const (
	leaseStopped scenario = 1 << iota
	syncFailed
	storeInvalid
	nodeOffline
	secretStale
	appsDrifted
	teamRestricted // an app in RestrictedNamespace, where the demo user may not patch
)

// ESO API versions as served by ESO releases: v0.16 serves both, ≥ v0.17 only v1, older
// releases only v1beta1.
var (
	esoBoth       = []string{"v1", "v1beta1"}
	esoV1Only     = []string{"v1"}
	esoV1beta1Old = []string{"v1beta1"}
)

// OpenShift releases and the Kubernetes versions they ship.
var openshiftReleases = []struct{ openshift, kube string }{
	{"4.16.21", "v1.29.10+67d3387"},
	{"4.17.8", "v1.30.7"},
	{"4.15.38", "v1.28.15+ff493be"},
	{"4.14.40", "v1.27.16+03a907c"},
}

func release(i int) (string, string) {
	r := openshiftReleases[i]
	return r.openshift, r.kube
}

// defaultProfiles is the hub and the nine named managed clusters of the default fleet; larger
// fleets start with these and continue with generated ones.
var defaultProfiles = func() []profile {
	p := func(name, cloud, platform, region, zonePrefix string, rel int, set string, s scenario) profile {
		ocp, kube := release(rel)
		zones := []string{zonePrefix + "a", zonePrefix + "b", zonePrefix + "c"}
		return profile{name: name, cloud: cloud, platform: platform, region: region, zones: zones,
			openshift: ocp, kube: kube, clusterSet: set, eso: esoBoth, argoResourceHealth: true, scenarios: s}
	}
	hub := p(HubName, "Amazon", "AWS", "us-east-1", "us-east-1", 0, "", 0)
	hub.hub = true
	gcpAsia := p("cluster-gcp-asia", "Google", "GCP", "asia-northeast1", "asia-northeast1-", 1, "staging", 0)
	gcpAsia.eso = esoV1Only            // a recent ESO: v1beta1 no longer served
	gcpAsia.argoResourceHealth = false // Argo CD 3.x: resource health not stored in the Application
	openstack := p("cluster-openstack-1", "OpenStack", "OpenStack", "regionOne", "nova-", 3, "onprem", appsDrifted)
	openstack.zones = []string{"nova-1", "nova-2", "nova-3"}
	openstack.eso = esoV1beta1Old // an old ESO that predates v1
	onprem := p("cluster-onprem-1", "VSphere", "VSphere", "eu-central-dc1", "rack-", 0, "onprem", nodeOffline)
	onprem.zones = []string{"rack-1", "rack-2", "rack-3"}
	edge := p("cluster-edge-9", "BareMetal", "BareMetal", "store-0009", "edge-", 1, "edge", 0)
	edge.zones = []string{"edge-1", "edge-1", "edge-1"}
	edge.noAccess = true
	azureZones := func(pr profile) profile {
		pr.zones = []string{pr.region + "-1", pr.region + "-2", pr.region + "-3"}
		return pr
	}
	return []profile{
		hub,
		p("cluster-east-1", "Amazon", "AWS", "us-east-1", "us-east-1", 0, "production", secretStale),
		p("cluster-west-2", "Amazon", "AWS", "us-west-2", "us-west-2", 2, "production", leaseStopped),
		azureZones(p("cluster-azure-eu", "Azure", "Azure", "westeurope", "", 0, "production", syncFailed)),
		azureZones(p(RestrictedCluster, "Azure", "Azure", "eastus", "", 1, "staging", appsDrifted|teamRestricted)),
		p("cluster-gcp-eu", "Google", "GCP", "europe-west1", "europe-west1-", 0, "production", storeInvalid),
		gcpAsia,
		onprem,
		openstack,
		edge,
	}
}()

// generatedClouds is the rotation of clouds for clusters beyond the named ones.
var generatedClouds = []struct {
	cloud, platform, prefix string
	regions                 []string
}{
	{"Amazon", "AWS", "aws", []string{"us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1"}},
	{"Azure", "Azure", "azure", []string{"eastus", "westeurope", "northeurope", "centralus", "japaneast"}},
	{"Google", "GCP", "gcp", []string{"us-central1", "europe-west1", "europe-west4", "asia-northeast1"}},
	{"VSphere", "VSphere", "vsphere", []string{"eu-central-dc1", "us-east-dc2"}},
	{"OpenStack", "OpenStack", "openstack", []string{"regionOne", "regionTwo"}},
}

// fleetProfiles returns the hub's profile followed by those of the managed clusters.
func fleetProfiles(managed int) []profile {
	out := make([]profile, 0, managed+1)
	for i := 0; i < len(defaultProfiles) && i <= managed; i++ {
		out = append(out, defaultProfiles[i])
	}
	for i := len(out); i <= managed; i++ {
		out = append(out, generatedProfile(i))
	}
	return out
}

// generatedProfile derives cluster i from its index alone, so it needs no random stream.
func generatedProfile(i int) profile {
	c := generatedClouds[i%len(generatedClouds)]
	region := c.regions[(i/len(generatedClouds))%len(c.regions)]
	ocp, kube := release(i % 3)
	zones := []string{region + "a", region + "b", region + "c"}
	switch c.cloud {
	case "Azure":
		zones = []string{region + "-1", region + "-2", region + "-3"}
	case "Google":
		zones = []string{region + "-a", region + "-b", region + "-c"}
	case "VSphere", "OpenStack":
		zones = []string{"zone-1", "zone-2", "zone-3"}
	}
	set := "production"
	if i%4 == 0 {
		set = "staging"
	}
	return profile{
		name:  fmt.Sprintf("%s-%s-%04d", c.prefix, strings.ToLower(region), i),
		cloud: c.cloud, platform: c.platform, region: region, zones: zones,
		openshift: ocp, kube: kube, clusterSet: set, eso: esoBoth, argoResourceHealth: true,
		generatedDriftRatio: 0.03,
	}
}

// domain is the cluster's base domain: API at api.<name>.demo.example, routes under apps.….
func domain(cluster string) string { return cluster + ".demo.example" }

// APIServer returns the API server URL of a demo cluster, as its kubeconfig context and its
// ManagedCluster client config give it.
func APIServer(cluster string) string { return "https://api." + domain(cluster) + ":6443" }

// ContextName returns the kubeconfig context name of a demo cluster.
func ContextName(cluster string) string { return "demo/" + cluster }

// vaultServer is the hub's Vault route, which every cluster's vault-backend store points at.
const vaultServer = "https://vault-vault.apps." + HubName + ".demo.example"
