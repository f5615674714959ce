#!/usr/bin/env python3
"""Budget probe: 16 clients send the reliability issue's expensive requests to a PlanGraph
server on loopback for 20 s while a probe asks a small query every 20 ms; prints the probe's
latency, the answers by status and the server's peak RSS.

Usage: plangraph serve --addr 127.0.0.1:18080 &  then  scripts/budget-probe.py
(the server is found by its --addr for the RSS reading). Loopback only; stops by itself."""
import json, threading, time, statistics, subprocess, http.client

def body(q, v=None): return json.dumps({"query":q,"variables":v}).encode()
rels=["PART_OF","SERVES","FOCUSES_ON"]*10000
attacks=[
 body('query($r:[Relation!]){ entities(first:1000){ nodes { linkCount(relations:$r) } } }',{"r":rels}),
 body('query($r:[Relation!]){ entities(first:1000){ nodes { links(relations:$r){ relation } } } }',{"r":rels}),
 body('query($r:[Relation!]){ paths(from:"liwan-14fyp/zone/julong-cluster", to:"liwan-14fyp/zone/liwan-district", maxHops:6, first:1000, relations:$r){ length } }',{"r":rels}),
 body('query($t:String!){ searchText(text:$t){ paragraph { id } } }',{"t":"荔灣"*100000}),
 body("{ "+" ".join('a%d: searchText(text:"荔灣", first:20){ paragraph { text } }'%i for i in range(400))+" }"),
 body("{ "+" ".join('s%d: __schema { types { name fields { name } } }'%i for i in range(500))+" }"),
]
ADDR=("127.0.0.1",18080)
def connect(): return http.client.HTTPConnection(*ADDR,timeout=30)
def post(conn, b):
    conn.request("POST","/graphql",body=b,headers={"Content-Type":"application/json"})
    r=conn.getresponse(); r.read(); return r.status
DUR=20
stop=time.time()+DUR
codes={}
def attacker(i):
    conn=connect()
    while time.time()<stop:
        try: s=post(conn, attacks[i%len(attacks)])
        except Exception as e:
            s='err'; conn.close(); conn=connect()
        codes[s]=codes.get(s,0)+1
ts=[threading.Thread(target=attacker,args=(i,)) for i in range(16)]
[t.start() for t in ts]
pid=subprocess.check_output(["pgrep","-f","serve --addr %s:%d"%ADDR]).split()[0].decode()
probe=connect()
pb=body('{ entity(id:"liwan-14fyp/zone/baietan-bd"){ name } }')
lat=[]; rss=[]
while time.time()<stop:
    t0=time.perf_counter(); post(probe,pb); lat.append((time.perf_counter()-t0)*1000)
    rss.append(int(open(f"/proc/{pid}/status").read().split("VmRSS:")[1].split()[0])//1024)
    time.sleep(0.02)
[t.join() for t in ts]
print("attack responses by status:",codes)
print("probe n=%d median=%.2fms p90=%.2fms max=%.1fms"%(len(lat),statistics.median(lat),sorted(lat)[int(len(lat)*.9)],max(lat)))
print("server RSS max %d MiB"%max(rss))
