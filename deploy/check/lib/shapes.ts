// The typed shape of every kind the manifests may contain, as kubernetes-models, @kubernetes-models/keda and
// @kubernetes-models/prometheus-operator declare them. strict.mjs walks these types to reject fields the API does not know (validate() does not).
import type { INamespace } from "kubernetes-models/v1/Namespace";
import type { IServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { ISecret } from "kubernetes-models/v1/Secret";
import type { IService } from "kubernetes-models/v1/Service";
import type { IPod } from "kubernetes-models/v1/Pod";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IStatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import type { IJob } from "kubernetes-models/batch/v1/Job";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IObjectMeta } from "@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta";
import type { IScaledObject } from "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject";
import type { ITriggerAuthentication } from "@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication";
import type { IPodMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor";
import type { IServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import type { IPrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";

export interface Shapes {
  "v1/Namespace": INamespace;
  "v1/ServiceAccount": IServiceAccount;
  "v1/ConfigMap": IConfigMap;
  "v1/Secret": ISecret;
  "v1/Service": IService;
  "v1/Pod": IPod;
  "apps/v1/Deployment": IDeployment;
  "apps/v1/StatefulSet": IStatefulSet;
  "batch/v1/Job": IJob;
  "policy/v1/PodDisruptionBudget": IPodDisruptionBudget;
  "networking.k8s.io/v1/NetworkPolicy": INetworkPolicy;
  "autoscaling/v2/HorizontalPodAutoscaler": IHorizontalPodAutoscaler;
  "keda.sh/v1alpha1/ScaledObject": IScaledObject;
  "keda.sh/v1alpha1/TriggerAuthentication": ITriggerAuthentication;
  "monitoring.coreos.com/v1/PodMonitor": IPodMonitor;
  "monitoring.coreos.com/v1/ServiceMonitor": IServiceMonitor;
  "monitoring.coreos.com/v1/PrometheusRule": IPrometheusRule;
  // Custom resources' schemas leave metadata open; it is checked against ObjectMeta.
  "ObjectMeta": IObjectMeta;
}
